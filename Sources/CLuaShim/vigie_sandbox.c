/*
 * The sandbox: which libraries scripts see, the guarded replacements of the
 * functions that could escape, hang in C or leak addresses, and the
 * per-script environments.
 */
#include "vigie_shim.h"
#include "vigie_internal.h"

#include <ctype.h>
#include <limits.h>
#include <string.h>

static char template_key;   /* registry: the table every environment copies */
static char ids_key;        /* registry: weak table object -> display id */
static char ids_counter_key;
static char write_key;      /* registry: the host's output function */
static char resolver_key;   /* registry: the host's module resolver */

#define MAX_TABLE_MOVE ((lua_Integer)10000000)

/* Calls the wrapped library function (upvalue 1) in the caller's own frame,
 * so that its argument errors name the function as the script called it.
 * The wrapped functions use no upvalues of their own. */
static int call_wrapped(lua_State *L) {
    lua_CFunction original = lua_tocfunction(L, lua_upvalueindex(1));
    return original(L);
}

/* Library functions run in C, where the count hook never fires: a loop of a
 * few instructions around a long C call (table.sort of a large array, say)
 * would reach the hook only every thousand calls. So every library call
 * checks the limits on entry (a clock read when a deadline is set). */
static void check_on_entry(lua_State *L) {
    if (vigie_limits_check(L) != VIGIE_LIMIT_NONE) vigie_raise_kill(L);
}

static int guarded_entry(lua_State *L) {
    check_on_entry(L);
    return call_wrapped(L);
}

/* Wraps every plain C function of the table at `table` (closures, which are
 * Vigie's own wrappers, check on entry themselves). */
static void guard_library(lua_State *L, int table) {
    table = lua_absindex(L, table);
    lua_pushnil(L);
    while (lua_next(L, table) != 0) {
        int plain = lua_tocfunction(L, -1) != NULL;
        if (plain && lua_getupvalue(L, -1, 1) != NULL) {
            lua_pop(L, 1); /* a closure: one of Vigie's own wrappers */
            plain = 0;
        }
        if (plain) {
            lua_pushcclosure(L, guarded_entry, 1);
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, table);
        } else {
            lua_pop(L, 1);
        }
    }
}

/* ---- kills survive pcall, xpcall and coroutines ------------------------- */

/* A caught error: its limit is recorded, and a memory error becomes the
 * memory kill (so that the script cannot go on allocating). */
static int check_caught_error(lua_State *L, int status) {
    VigieControl *c = VIGIE_CONTROL(L);
    vigie_internal_note_error(L, status, -1);
    if (c->killed == VIGIE_LIMIT_NONE && status == LUA_ERRMEM)
        c->killed = VIGIE_LIMIT_MEMORY;
    if (c->killed != VIGIE_LIMIT_NONE) return vigie_raise_kill(L);
    return 0;
}

static int finish_pcall(lua_State *L, int status, lua_KContext extra) {
    if (status != LUA_OK && status != LUA_YIELD) {
        check_caught_error(L, status);
        lua_pushboolean(L, 0);
        lua_pushvalue(L, -2);
        return 2;
    }
    return lua_gettop(L) - (int)extra;
}

static int safe_pcall(lua_State *L) {
    luaL_checkany(L, 1);
    lua_pushboolean(L, 1);
    lua_insert(L, 1);
    int status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, finish_pcall);
    return finish_pcall(L, status, 0);
}

/* The message handler given to xpcall runs only for ordinary errors. A kill
 * raised from the count hook leaves hooks off until the error is caught, so
 * a user handler running then could loop forever: it is skipped. */
static int guarded_handler(lua_State *L) {
    if (VIGIE_CONTROL(L)->killed != VIGIE_LIMIT_NONE) return 1;
    /* recorded before the script's handler can change the message */
    vigie_internal_note_error(L, LUA_ERRRUN, 1);
    lua_settop(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 1, 1);
    return 1;
}

static int safe_xpcall(lua_State *L) {
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, guarded_handler, 1);
    lua_replace(L, 2);
    lua_pushboolean(L, 1);
    lua_pushvalue(L, 1);
    lua_rotate(L, 3, 2);
    int status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finish_pcall);
    return finish_pcall(L, status, 2);
}

/* coroutine.resume: a coroutine that was killed or ran out of memory does not
 * hand the error back as a value; the kill goes on in the resumer. */
static int safe_resume(lua_State *L) {
    lua_State *co = lua_tothread(L, 1);
    int n = call_wrapped(L); /* results: the top n values, (ok, ...) */
    VigieControl *c = VIGIE_CONTROL(L);
    if (c->killed == VIGIE_LIMIT_NONE && co != NULL && lua_status(co) == LUA_ERRMEM)
        c->killed = VIGIE_LIMIT_MEMORY;
    if (c->killed == VIGIE_LIMIT_NONE && n >= 2 && !lua_toboolean(L, -n) && co != NULL)
        vigie_internal_note_error(L, lua_status(co), -n + 1);
    if (c->killed != VIGIE_LIMIT_NONE) return vigie_raise_kill(L);
    return n;
}

/* coroutine.create and coroutine.wrap: a new coroutine gets the count hook
 * at once. The watchdog arms the hook of the main thread only (a signal
 * handler cannot know which coroutine runs), so coroutines keep theirs. */
static int safe_cocreate(lua_State *L) {
    check_on_entry(L);
    int n = call_wrapped(L); /* the new thread on top */
    lua_State *co = lua_tothread(L, -1);
    if (co != NULL) vigie_internal_hook_thread(co);
    return n;
}

static int safe_cowrap(lua_State *L) {
    check_on_entry(L);
    int n = call_wrapped(L); /* a C closure whose upvalue is the new thread */
    if (lua_getupvalue(L, -1, 1) != NULL) {
        lua_State *co = lua_tothread(L, -1);
        if (co != NULL) vigie_internal_hook_thread(co);
        lua_pop(L, 1);
    }
    return n;
}

/* coroutine.close: Lua 5.4.4 does not count nested closes (each __close
 * handler may close another coroutine) against the C stack and crashes on a
 * deep chain. Count them here. */
static int safe_close(lua_State *L) {
    VigieControl *c = VIGIE_CONTROL(L);
    if (c->close_depth >= c->close_depth_limit) {
        vigie_note_limit(c, VIGIE_LIMIT_CLOSE_DEPTH);
        return luaL_error(L, "coroutine.close nested too deeply (limit %d)", c->close_depth_limit);
    }
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    c->close_depth++;
    int status = lua_pcall(L, n, LUA_MULTRET, 0);
    c->close_depth--;
    if (status != LUA_OK) {
        check_caught_error(L, status);
        return lua_error(L);
    }
    return lua_gettop(L);
}

/* ---- base library replacements ---------------------------------------- */

static int safe_setmetatable(lua_State *L) {
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "__gc metamethods are not allowed in the sandbox");
        lua_pop(L, 1);
    }
    return call_wrapped(L);
}

static int safe_collectgarbage(lua_State *L) {
    const char *opt = luaL_optstring(L, 1, "collect");
    if (strcmp(opt, "count") != 0)
        return luaL_error(L, "collectgarbage(\"%s\") is not allowed in the sandbox (only \"count\")", opt);
    int kb = lua_gc(L, LUA_GCCOUNT, 0);
    int b = lua_gc(L, LUA_GCCOUNTB, 0);
    lua_pushnumber(L, (lua_Number)kb + ((lua_Number)b / 1024));
    return 1;
}

int vigie_tostring(lua_State *L) {
    luaL_checkany(L, 1);
    if (luaL_callmeta(L, 1, "__tostring")) {
        if (lua_type(L, -1) != LUA_TSTRING) return luaL_error(L, "'__tostring' must return a string");
        return 1;
    }
    int t = lua_type(L, 1);
    switch (t) {
    case LUA_TNIL:
    case LUA_TBOOLEAN:
    case LUA_TNUMBER:
    case LUA_TSTRING:
        luaL_tolstring(L, 1, NULL);
        return 1;
    default:
        break;
    }
    /* An object: a stable per-state number instead of its address. */
    const char *kind = lua_typename(L, t);
    if (luaL_getmetafield(L, 1, "__name") == LUA_TSTRING) kind = lua_tostring(L, -1);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &ids_key);
    lua_pushvalue(L, 1);
    lua_Integer id;
    if (lua_rawget(L, -2) == LUA_TNUMBER) {
        id = lua_tointeger(L, -1);
        lua_pop(L, 1);
    } else {
        lua_pop(L, 1);
        lua_rawgetp(L, LUA_REGISTRYINDEX, &ids_counter_key);
        id = lua_tointeger(L, -1) + 1;
        lua_pop(L, 1);
        lua_pushinteger(L, id);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &ids_counter_key);
        lua_pushvalue(L, 1);
        lua_pushinteger(L, id);
        lua_rawset(L, -3);
    }
    lua_pushfstring(L, "%s: #%I", kind, id);
    return 1;
}

static int safe_print(lua_State *L) {
    int n = lua_gettop(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; i++) {
        lua_pushcfunction(L, vigie_tostring);
        lua_pushvalue(L, i);
        lua_call(L, 1, 1);
        if (i > 1) luaL_addchar(&b, '\t');
        luaL_addvalue(&b);
    }
    luaL_addchar(&b, '\n');
    luaL_pushresult(&b);
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &write_key) == LUA_TFUNCTION) {
        lua_insert(L, -2);
        lua_call(L, 1, 0);
    }
    return 0;
}

/* load: text only, size-capped, default environment = the caller's. */
static int safe_load(lua_State *L) {
    size_t max = (size_t)lua_tointeger(L, lua_upvalueindex(2));
    const char *name = luaL_optstring(L, 2, "=(load)");
    const char *mode = luaL_optstring(L, 3, "t");
    (void)mode; /* always text: binary chunks are refused by mode "t" */
    int env = lua_isnone(L, 4) ? lua_upvalueindex(1) : 4;
    size_t len;
    const char *src;
    if (lua_type(L, 1) == LUA_TSTRING) {
        src = lua_tolstring(L, 1, &len);
    } else {
        luaL_checktype(L, 1, LUA_TFUNCTION);
        luaL_Buffer b;
        luaL_buffinit(L, &b);
        size_t total = 0;
        for (;;) {
            lua_pushvalue(L, 1);
            lua_call(L, 0, 1);
            if (lua_isnil(L, -1)) { lua_pop(L, 1); break; }
            if (lua_type(L, -1) != LUA_TSTRING) return luaL_error(L, "reader function must return a string");
            size_t l = lua_rawlen(L, -1);
            if (l == 0) { lua_pop(L, 1); break; }
            total += l;
            if (total > max) {
                vigie_note_limit(VIGIE_CONTROL(L), VIGIE_LIMIT_CHUNK_SIZE);
                luaL_pushfail(L);
                lua_pushfstring(L, "chunk too large (the limit is %I bytes)", (lua_Integer)max);
                return 2;
            }
            luaL_addvalue(&b);
        }
        luaL_pushresult(&b);
        src = lua_tolstring(L, -1, &len);
    }
    if (len > max) {
        vigie_note_limit(VIGIE_CONTROL(L), VIGIE_LIMIT_CHUNK_SIZE);
        luaL_pushfail(L);
        lua_pushfstring(L, "chunk too large (%I bytes; the limit is %I)", (lua_Integer)len, (lua_Integer)max);
        return 2;
    }
    int status = luaL_loadbufferx(L, src, len, name, "t");
    if (status != LUA_OK) {
        check_caught_error(L, status);
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    lua_pushvalue(L, env);
    lua_setupvalue(L, -2, 1);
    return 1;
}

/* require: only modules the host resolves (plugin modules); cached per
 * environment. Upvalues: environment, cache table. */
static int safe_require(lua_State *L) {
    const char *name = luaL_checkstring(L, 1);
    lua_settop(L, 1);
    lua_pushvalue(L, 1); /* lua_rawget pops the key: keep the name at 1 */
    if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNIL) return 1;
    lua_pop(L, 1);
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &resolver_key) != LUA_TFUNCTION)
        return luaL_error(L, "module '%s' not found: require only loads plugin modules provided by the host", name);
    lua_pushvalue(L, 1);
    lua_call(L, 1, 2); /* source, chunkname | nil */
    if (lua_type(L, -2) != LUA_TSTRING)
        return luaL_error(L, "module '%s' not found: require only loads plugin modules provided by the host", name);
    size_t len;
    const char *src = lua_tolstring(L, -2, &len);
    const char *chunk = luaL_optstring(L, -1, name);
    int status = luaL_loadbufferx(L, src, len, chunk, "t");
    if (status != LUA_OK) {
        check_caught_error(L, status);
        return lua_error(L);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_setupvalue(L, -2, 1);
    lua_pushvalue(L, 1);
    lua_call(L, 1, 1);
    if (lua_isnil(L, -1)) { lua_pop(L, 1); lua_pushboolean(L, 1); }
    lua_pushvalue(L, 1);
    lua_pushvalue(L, -2);
    lua_rawset(L, lua_upvalueindex(2));
    return 1;
}

/* ---- string library replacements --------------------------------------- */

/* string.rep: refuses results over the string cap, and returns at once when
 * the result is empty (stock Lua loops n times on empty strings). */
static int safe_rep(lua_State *L) {
    check_on_entry(L);
    size_t l, lsep;
    luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    if (n <= 0 || l + lsep == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    VigieControl *c = VIGIE_CONTROL(L);
    size_t cap = c->max_string > 0 ? c->max_string : ((size_t)1 << 30);
    if (l + lsep < l || (l + lsep) > cap / (size_t)n) {
        vigie_note_limit(c, VIGIE_LIMIT_STRING_SIZE);
        return luaL_error(L, "resulting string too large (the limit is %I bytes)", (lua_Integer)cap);
    }
    return call_wrapped(L);
}

/* string.format: no %p, and %s of a table, function, thread or userdata goes
 * through the safe tostring instead of showing an address. */
static int safe_format(lua_State *L) {
    check_on_entry(L);
    size_t fl;
    const char *f = luaL_checklstring(L, 1, &fl);
    const char *e = f + fl;
    int top = lua_gettop(L);
    int arg = 1;
    while (f < e) {
        if (*f++ != '%') continue;
        if (f < e && *f == '%') { f++; continue; }
        arg++;
        while (f < e && *f != '\0' && strchr("-+ #0", *f) != NULL) f++;
        while (f < e && isdigit((unsigned char)*f)) f++;
        if (f < e && *f == '.') {
            f++;
            while (f < e && isdigit((unsigned char)*f)) f++;
        }
        if (f >= e) break;
        char conv = *f++;
        if (conv == 'p')
            return luaL_error(L, "invalid conversion '%%p' to 'format' (addresses are not available in the sandbox)");
        if (conv == 's' && arg <= top) {
            int t = lua_type(L, arg);
            if (t != LUA_TSTRING && t != LUA_TNUMBER) {
                lua_pushcfunction(L, vigie_tostring);
                lua_pushvalue(L, arg);
                lua_call(L, 1, 1);
                lua_replace(L, arg);
            }
        }
    }
    return call_wrapped(L);
}

/* table.move: stock Lua loops in C over any range, even of nils. */
static int safe_move(lua_State *L) {
    check_on_entry(L);
    lua_Integer f = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_checkinteger(L, 3);
    if (e >= f && (e - f >= MAX_TABLE_MOVE || e - f < 0))
        return luaL_error(L, "too many elements to move (the limit is %I)", MAX_TABLE_MOVE);
    return call_wrapped(L);
}

/* table.sort: Lua's quicksort runs in C without a hook (without a
 * comparator, a sort of a few million numbers takes seconds). Arrays up to
 * SMALL_SORT use it; larger ones use a heapsort here that checks the limits
 * every 1024 comparisons. Both are unstable, as the manual allows. */
#define SMALL_SORT 50000

static int sort_less(lua_State *L, int has_comp, int a, int b, unsigned *steps) {
    if ((++*steps & 1023u) == 0) check_on_entry(L);
    if (has_comp) {
        lua_pushvalue(L, 2);
        lua_pushvalue(L, a - 1);
        lua_pushvalue(L, b - 2);
        lua_call(L, 2, 1);
        int r = lua_toboolean(L, -1);
        lua_pop(L, 1);
        return r;
    }
    return lua_compare(L, a, b, LUA_OPLT);
}

/* Restores the heap property below `root` in t[1..end] (1-based). */
static void sift_down(lua_State *L, int has_comp, lua_Integer root, lua_Integer end, unsigned *steps) {
    for (;;) {
        lua_Integer child = root * 2;
        if (child > end) return;
        lua_geti(L, 1, child);                 /* c */
        if (child + 1 <= end) {
            lua_geti(L, 1, child + 1);         /* c, c1 */
            if (sort_less(L, has_comp, -2, -1, steps)) {
                child++;
                lua_remove(L, -2);             /* c1 */
            } else {
                lua_pop(L, 1);                 /* c */
            }
        }
        lua_geti(L, 1, root);                  /* c, r */
        if (!sort_less(L, has_comp, -1, -2, steps)) {
            lua_pop(L, 2);
            return;
        }
        /* swap t[root] and t[child] */
        lua_seti(L, 1, child);                 /* c */
        lua_seti(L, 1, root);
        root = child;
    }
}

static int safe_sort(lua_State *L) {
    check_on_entry(L);
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer n = luaL_len(L, 1);
    if (n <= SMALL_SORT) return call_wrapped(L);
    luaL_argcheck(L, n < INT_MAX, 1, "array too big");
    int has_comp = !lua_isnoneornil(L, 2);
    if (has_comp) luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    luaL_checkstack(L, 8, "sort");
    unsigned steps = 0;
    for (lua_Integer i = n / 2; i >= 1; i--) sift_down(L, has_comp, i, n, &steps);
    for (lua_Integer end = n; end > 1; end--) {
        lua_geti(L, 1, 1);
        lua_geti(L, 1, end);
        lua_seti(L, 1, 1);
        lua_seti(L, 1, end);
        sift_down(L, has_comp, 1, end - 1, &steps);
    }
    return 0;
}

/* ---- opening the sandbox ------------------------------------------------ */

static void wrap_field(lua_State *L, int table, const char *name, lua_CFunction f) {
    lua_getfield(L, table, name);
    lua_pushcclosure(L, f, 1);
    lua_setfield(L, table, name);
}

static void remove_fields(lua_State *L, int table, const char *const *names) {
    for (; *names != NULL; names++) {
        lua_pushnil(L);
        lua_setfield(L, table, *names);
    }
}

static void keep_only(lua_State *L, int table, const char *const *keep) {
    lua_newtable(L);
    int fresh = lua_gettop(L);
    for (; *keep != NULL; keep++) {
        lua_getfield(L, table, *keep);
        lua_setfield(L, fresh, *keep);
    }
    lua_replace(L, table);
}

static int open_sandbox_p(lua_State *L) {
    vigie_internal_prepare_kills(L);

    /* the template: a table of allowed globals that environments copy */
    lua_newtable(L);
    int tpl = lua_gettop(L);

    luaL_requiref(L, LUA_GNAME, luaopen_base, 0);
    int base = lua_gettop(L);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 0);
    int str = lua_gettop(L);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 0);
    int tab = lua_gettop(L);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 0);
    int math = lua_gettop(L);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 0);
    int utf8 = lua_gettop(L);
    luaL_requiref(L, LUA_COLIBNAME, luaopen_coroutine, 0);
    int co = lua_gettop(L);
    luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 0);
    int os = lua_gettop(L);

    /* math: a fixed seed for reproducible runs, and no reseeding */
    lua_getfield(L, math, "randomseed");
    lua_pushinteger(L, 0x5eed);
    lua_call(L, 1, 0);
    static const char *const no_math[] = {"randomseed", NULL};
    remove_fields(L, math, no_math);

    /* os: only the clock */
    static const char *const os_keep[] = {"time", "date", "clock", "difftime", NULL};
    keep_only(L, os, os_keep);

    /* string: no dump; guarded rep, format and patterns */
    static const char *const no_string[] = {"dump", NULL};
    remove_fields(L, str, no_string);
    wrap_field(L, str, "rep", safe_rep);
    wrap_field(L, str, "format", safe_format);
    lua_pushvalue(L, str);
    vigie_open_safe_patterns(L);
    lua_pop(L, 1);
    /* lock the string metatable: scripts cannot reach the shared table */
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);

    /* table: guarded move */
    wrap_field(L, tab, "move", safe_move);
    wrap_field(L, tab, "sort", safe_sort);

    /* every other library call checks the limits on entry */
    guard_library(L, str);
    guard_library(L, tab);
    guard_library(L, utf8);

    /* coroutine: guarded resume and close */
    wrap_field(L, co, "create", safe_cocreate);
    wrap_field(L, co, "wrap", safe_cowrap);
    wrap_field(L, co, "resume", safe_resume);
    wrap_field(L, co, "close", safe_close);

    /* base: copy the allowed functions into the template */
    static const char *const base_keep[] = {
        "assert", "error", "getmetatable", "ipairs", "next", "pairs", "rawequal",
        "rawget", "rawlen", "rawset", "select", "tonumber", "type", NULL};
    for (const char *const *k = base_keep; *k != NULL; k++) {
        lua_getfield(L, base, *k);
        lua_setfield(L, tpl, *k);
    }
    lua_pushliteral(L, LUA_VERSION);
    lua_setfield(L, tpl, "_VERSION");
    lua_getfield(L, base, "setmetatable");
    lua_pushcclosure(L, safe_setmetatable, 1);
    lua_setfield(L, tpl, "setmetatable");
    lua_pushcfunction(L, safe_pcall);
    lua_setfield(L, tpl, "pcall");
    lua_pushcfunction(L, safe_xpcall);
    lua_setfield(L, tpl, "xpcall");
    lua_pushcfunction(L, safe_collectgarbage);
    lua_setfield(L, tpl, "collectgarbage");
    lua_pushcfunction(L, vigie_tostring);
    lua_setfield(L, tpl, "tostring");
    lua_pushcfunction(L, safe_print);
    lua_setfield(L, tpl, "print");

    lua_pushvalue(L, str);
    lua_setfield(L, tpl, "string");
    lua_pushvalue(L, tab);
    lua_setfield(L, tpl, "table");
    lua_pushvalue(L, math);
    lua_setfield(L, tpl, "math");
    lua_pushvalue(L, utf8);
    lua_setfield(L, tpl, "utf8");
    lua_pushvalue(L, co);
    lua_setfield(L, tpl, "coroutine");
    lua_pushvalue(L, os);
    lua_setfield(L, tpl, "os");

    lua_pushvalue(L, tpl);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &template_key);

    /* the real global table keeps nothing a script could reach */
    lua_pushglobaltable(L);
    int g = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, g) != 0) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_pushnil(L);
        lua_rawset(L, g);
    }

    /* display ids for tostring */
    lua_newtable(L);
    lua_newtable(L);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &ids_key);
    lua_pushinteger(L, 0);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &ids_counter_key);

    lua_pushboolean(L, 0);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &write_key);
    lua_pushboolean(L, 0);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &resolver_key);

    vigie_internal_push_view_metatable(L);
    lua_pop(L, 1);
    return 0;
}

int vigie_open_sandbox(lua_State *L) {
    if (!lua_checkstack(L, 4)) return LUA_ERRMEM;
    VigieControl *c = VIGIE_CONTROL(L);
    c->host_mode = 1;
    lua_pushcfunction(L, open_sandbox_p);
    int status = lua_pcall(L, 0, 0, 0);
    c->host_mode = 0;
    return status;
}

/* ---- environments ------------------------------------------------------- */

static int new_env_p(lua_State *L) {
    size_t max_chunk = (size_t)lua_tointeger(L, 2);
    lua_newtable(L);
    int env = lua_gettop(L);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &template_key);
    int tpl = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, tpl) != 0) {
        if (lua_type(L, -1) == LUA_TTABLE) {
            /* a fresh copy of each library table */
            int lib = lua_gettop(L);
            lua_newtable(L);
            lua_pushnil(L);
            while (lua_next(L, lib) != 0) {
                lua_pushvalue(L, -2);
                lua_insert(L, -2);
                lua_rawset(L, -4);
            }
            lua_replace(L, lib);
        }
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, env);
    }
    lua_pop(L, 1);
    lua_pushvalue(L, env);
    lua_setfield(L, env, LUA_GNAME);
    /* per-environment closures */
    lua_pushvalue(L, env);
    lua_pushinteger(L, (lua_Integer)max_chunk);
    lua_pushcclosure(L, safe_load, 2);
    lua_setfield(L, env, "load");
    lua_pushvalue(L, env);
    lua_newtable(L);
    lua_pushcclosure(L, safe_require, 2);
    lua_setfield(L, env, "require");
    return 1;
}

int vigie_new_env(lua_State *L, size_t max_chunk) {
    if (!lua_checkstack(L, 6)) return LUA_ERRMEM;
    VigieControl *c = VIGIE_CONTROL(L);
    int saved = c->host_mode;
    c->host_mode = 1;
    lua_pushcfunction(L, new_env_p);
    lua_pushnil(L);
    lua_pushinteger(L, (lua_Integer)max_chunk);
    int status = lua_pcall(L, 2, 1, 0);
    c->host_mode = saved;
    return status;
}

/* Forgets the modules `require` has cached in an environment (its reference
 * `env_ref`), so that the next `require` runs them again (a policy reloaded
 * into the same environment). Runs protected: it allocates a table. */
static int forget_modules_p(lua_State *L) {
    int ref = (int)lua_tointeger(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    lua_pushliteral(L, "require");
    if (lua_rawget(L, -2) != LUA_TFUNCTION) return 0;
    lua_newtable(L);
    lua_setupvalue(L, -2, 2);
    return 0;
}

int vigie_forget_modules(lua_State *L, int env_ref) {
    if (!lua_checkstack(L, 4)) return LUA_ERRMEM;
    VigieControl *c = VIGIE_CONTROL(L);
    int saved = c->host_mode;
    c->host_mode = 1;
    lua_pushcfunction(L, forget_modules_p);
    lua_pushinteger(L, (lua_Integer)env_ref);
    int status = lua_pcall(L, 1, 0, 0);
    c->host_mode = saved;
    return status;
}

/* The slots below are created by open_sandbox_p, so that setting them later
 * never resizes the registry (and so never allocates or raises). */
void vigie_set_writer(lua_State *L) {
    lua_rawsetp(L, LUA_REGISTRYINDEX, &write_key);
}

void vigie_set_resolver(lua_State *L) {
    lua_rawsetp(L, LUA_REGISTRYINDEX, &resolver_key);
}
