/* The registry of temporary files: every temporary output file (and every
 * folder an output set created) is listed here from its creation to its
 * rename, so that a signal handler can remove them (ga_tmp_remove_all). */
#ifndef GA_TMPFILES_H
#define GA_TMPFILES_H

#include <stdbool.h>

/* Adds `path` to the temporary files the signal cleanup removes; false
 * when memory runs out (nothing registered: the caller creates no file). */
bool ga_tmp_register(const char *path);
/* Removes `path` from the registry (the file is not touched). */
void ga_tmp_forget(const char *path);
/* Registers (`on`) or forgets a folder the cleanup removes when empty,
 * after the files; false when memory runs out (registering only). */
bool ga_tmp_register_dir(const char *dir, bool on);
/* Removes every registered file, then every registered folder that is
 * empty. Async-signal-safe: lock-free atomics, unlink(2) and rmdir(2). */
void ga_tmp_remove_all(void);

#endif
