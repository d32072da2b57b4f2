/* Writes an OpenStreetMap XML file again as PBF with libosmium, for the tests
 * of the OSM reader (tests/test_graph_osm_reader.c, tests/fuzz_osm.c): the PBF of
 * the synthetic fixture tests/fixtures/graph/synthetic_tiny.osm is made at
 * build time, so the repository holds one source of it.
 * Also used by bench/mutate_osm.py to write an extract uncompressed.
 * Usage: make_osm_pbf IN.osm|IN.osm.pbf OUT.osm.pbf [uncompressed] */
#include <cstdio>
#include <exception>
#include <cstring>
#include <osmium/io/pbf_input.hpp>
#include <osmium/io/pbf_output.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/io/writer.hpp>
#include <osmium/io/xml_input.hpp>

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4 || (argc == 4 && std::strcmp(argv[3], "uncompressed"))) {
        std::fprintf(stderr, "usage: make_osm_pbf IN.osm|IN.osm.pbf OUT.osm.pbf [uncompressed]\n");
        return 2;
    }
    try {
        osmium::io::Reader reader{osmium::io::File{argv[1]}}; /* format from the suffix */
        osmium::io::Header header = reader.header();
        header.set("generator", "geoaccess tests/make_osm_pbf");
        osmium::io::Writer writer{osmium::io::File{argv[2], argc == 4 ? "pbf,pbf_compression=none" : "pbf"}, header,
                                  osmium::io::overwrite::allow};
        while (osmium::memory::Buffer buffer = reader.read()) writer(std::move(buffer));
        writer.close();
        reader.close();
    } catch (const std::exception &e) {
        std::fprintf(stderr, "make_osm_pbf: %s\n", e.what());
        return 1;
    }
    return 0;
}
