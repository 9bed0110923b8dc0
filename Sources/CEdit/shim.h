// Debian's libedit (apt: libedit-dev). Only VigieREPL imports this module.
//
// libedit's native API (histedit.h) is used rather than its readline
// emulation: it gives key bindings to our own functions (bracketed paste,
// completion, Ctrl-C), and a history file format that keeps multi-line
// entries whole. `el_set` and `history` are variadic, which Swift cannot
// call, so each use has a small wrapper here.
#ifndef VIGIE_CEDIT_SHIM_H
#define VIGIE_CEDIT_SHIM_H

#include <editline/readline.h>
#include <histedit.h>
#include <locale.h>
#include <langinfo.h>
#include <stddef.h>
#include <string.h>
#include <wchar.h>

typedef char *(*vigie_el_prompt_fn)(EditLine *);
typedef unsigned char (*vigie_el_key_fn)(EditLine *, int);

static inline int vigie_el_set_prompt(EditLine *el, vigie_el_prompt_fn fn) {
    return el_set(el, EL_PROMPT, fn);
}
static inline int vigie_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}
static inline int vigie_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}
static inline int vigie_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}
static inline void *vigie_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline int vigie_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}
static inline int vigie_el_add_function(EditLine *el, const char *name, const char *help, vigie_el_key_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int vigie_el_bind(EditLine *el, const char *keys, const char *function) {
    return el_set(el, EL_BIND, keys, function, NULL);
}
/// Sets (`+flag`) or clears (`-flag`) a terminal flag for editing mode.
static inline int vigie_el_setty_edit(EditLine *el, const char *flag) {
    return el_set(el, EL_SETTY, "-d", flag, NULL);
}

static inline int vigie_history_setsize(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}
static inline int vigie_history_setunique(History *h, int on) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, on);
}
static inline int vigie_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}
static inline int vigie_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}
static inline int vigie_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}
/// The entries, oldest first, through a callback (the strings are libedit's).
static inline void vigie_history_each(History *h, void *context, void (*body)(void *, const char *)) {
    HistEvent ev;
    for (int rv = history(h, &ev, H_LAST); rv != -1; rv = history(h, &ev, H_PREV)) body(context, ev.str);
}

/// Makes libedit read UTF-8: the user's locale if it is UTF-8, else C.UTF-8.
/// Only LC_CTYPE changes (Lua's number formatting follows LC_NUMERIC).
static inline void vigie_el_utf8_locale(void) {
    setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL || (strcmp(codeset, "UTF-8") != 0 && strcmp(codeset, "utf8") != 0)) {
        setlocale(LC_CTYPE, "C.UTF-8");
    }
}

#endif
