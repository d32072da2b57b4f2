/* geoaccess: the command-line tool. Dispatches to one subcommand. */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"

typedef struct {
    const char *name;
    ga_cmd_fn fn;
    const char *summary;
} command;

static const command commands[] = {
    /* one line per command, in the order of the help text */
    {"run", ga_cmd_run, "the main job, on the embedded Hérault default or your data"},
    {"info", ga_cmd_info, "describe input files (kind, CRS, fields, extent)"},
    {"od", ga_cmd_od, "origin-destination cost table (straight line or roads)"},
    {"fca", ga_cmd_fca, "floating catchment (2SFCA, E2SFCA, 3SFCA, BFCA), gravity, cumulative, closest"},
    {"apl", ga_cmd_apl, "the DREES APL per commune, with its summary"},
    {"graph", ga_cmd_graph, "build the road graph file from OSM or a road shapefile"},
    {"catchment", ga_cmd_catchment, "catchments (isochrones, service radii) of facilities, people covered"},
    {"nearest", ga_cmd_nearest, "nearest and second nearest facility of each type per commune"},
    {"coverage", ga_cmd_coverage, "people within T of each facility type, per commune group"},
    {"zones", ga_cmd_zones, "zones blanches: communes failing access rules"},
    {"scenario", ga_cmd_scenario, "what adding, removing or changing facilities would change"},
    {"vulnerability", ga_cmd_vulnerability, "which closure or retirements would hurt most"},
};

static void usage(FILE *f) {
    fprintf(f, "Usage: geoaccess COMMAND [OPTION...]\n\n"
               "Accessibility to health care from communes, facilities and travel costs.\n\n"
               "Commands:\n");
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'geoaccess COMMAND --help' describes a command.\n");
}

int main(int argc, char **argv) {
    setlocale(LC_ALL, "");
    /* numbers are always written with a dot */
    setlocale(LC_NUMERIC, "C");
    if (argc < 2) {
        usage(stderr);
        return GA_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return GA_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("geoaccess 0.1.0\n");
        return GA_EXIT_OK;
    }
    ga_cli_set_command_line(argc, argv);
    ga_cli_install_signal_handlers();
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "geoaccess: unknown command '%s'\n", ga_clip(argv[1]));
    usage(stderr);
    return GA_EXIT_USAGE;
}
