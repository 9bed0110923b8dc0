/*
 * State creation, the metered allocator, the sticky kill hook and the
 * protected entry points the Swift host uses.
 */
#include "vigie_shim.h"
#include "vigie_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char kill_message_keys[5];

/* The coarse clock (a few ms of resolution) is several times cheaper to
 * read, and library calls read it on entry. */
double vigie_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

VigieControl *vigie_control(lua_State *L) {
    return VIGIE_CONTROL(L);
}

/* ---- allocator --------------------------------------------------------- */

/* Lua's small blocks (strings, tables and their parts, closures: most of
 * what a rule makes for each activity) come from free lists by size class,
 * carved out of 64 KiB slabs that live as long as the state, instead of
 * from malloc: taking and giving back a block is a list operation. Blocks
 * of POOL_MAX bytes or less always come from the pool, larger ones from
 * malloc, so a block's size (which Lua passes back) tells where it is
 * from. The accounting and the limit are the same either way. */
enum { POOL_STEP = 16, POOL_MAX = 1024, POOL_CLASSES = POOL_MAX / POOL_STEP, POOL_SLAB = 64 * 1024 };

typedef struct PoolFree { struct PoolFree *next; } PoolFree;
typedef struct PoolSlab { struct PoolSlab *next; } PoolSlab;

typedef struct {
    PoolFree *free[POOL_CLASSES + 1]; /* by class: 1 = 16 bytes … 64 = 1 KiB */
    PoolSlab *slabs;
    char *cursor, *limit;             /* the unused end of the newest slab */
} Pool;

static size_t pool_class(size_t n) { return (n + POOL_STEP - 1) / POOL_STEP; }

static void *pool_take(VigieControl *c, size_t cls) {
    Pool *p = (Pool *)c->pool;
    if (p == NULL) {
        p = (Pool *)calloc(1, sizeof(Pool));
        if (p == NULL) return NULL;
        c->pool = p;
    }
    PoolFree *f = p->free[cls];
    if (f != NULL) {
        p->free[cls] = f->next;
        return f;
    }
    size_t size = cls * POOL_STEP;
    if ((size_t)(p->limit - p->cursor) < size) {
        PoolSlab *slab = (PoolSlab *)malloc(POOL_SLAB);
        if (slab == NULL) return NULL;
        slab->next = p->slabs;
        p->slabs = slab;
        /* blocks start 16 bytes in, so that each is 16-byte aligned; the
         * old slab's tail (under 1 KiB) is left unused */
        p->cursor = (char *)slab + POOL_STEP;
        p->limit = (char *)slab + POOL_SLAB;
    }
    void *block = p->cursor;
    p->cursor += size;
    return block;
}

static void pool_give(VigieControl *c, void *block, size_t cls) {
    Pool *p = (Pool *)c->pool;
    PoolFree *f = (PoolFree *)block;
    f->next = p->free[cls];
    p->free[cls] = f;
}

/* Gives back a block of `size` bytes, wherever it came from. */
static void block_free(VigieControl *c, void *block, size_t size) {
    if (size <= POOL_MAX) pool_give(c, block, pool_class(size));
    else free(block);
}

static void pool_destroy(VigieControl *c) {
    Pool *p = (Pool *)c->pool;
    if (p == NULL) return;
    while (p->slabs != NULL) {
        PoolSlab *next = p->slabs->next;
        free(p->slabs);
        p->slabs = next;
    }
    free(p);
    c->pool = NULL;
}

static void *vigie_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    VigieControl *c = (VigieControl *)ud;
    if (ptr == NULL) osize = 0; /* then osize is the kind of object */
    if (nsize == 0) {
        if (ptr != NULL) block_free(c, ptr, osize);
        c->mem_used -= osize;
        return NULL;
    }
    if (nsize > osize && c->mem_limit > 0) {
        size_t limit = c->mem_limit + (c->host_mode > 0 ? c->mem_headroom : 0);
        size_t base = c->mem_used - osize;
        if (nsize > limit || base > limit - nsize) {
            c->mem_refused++;
            return NULL;
        }
    }
    void *p;
    if (ptr != NULL && osize > POOL_MAX && nsize > POOL_MAX) {
        p = realloc(ptr, nsize);
    } else if (ptr != NULL && osize <= POOL_MAX && nsize <= POOL_MAX && pool_class(osize) == pool_class(nsize)) {
        p = ptr; /* the block already has room */
    } else {
        p = nsize <= POOL_MAX ? pool_take(c, pool_class(nsize)) : malloc(nsize);
        if (p != NULL && ptr != NULL) {
            memcpy(p, ptr, osize < nsize ? osize : nsize);
            block_free(c, ptr, osize);
        }
    }
    if (p == NULL) {
        c->mem_refused++;
        return NULL;
    }
    c->mem_used = c->mem_used - osize + nsize;
    if (c->mem_used > c->mem_peak) c->mem_peak = c->mem_used;
    return p;
}

static int vigie_panic(lua_State *L) {
    /* Unreachable by design: every host entry is protected. */
    const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?";
    fprintf(stderr, "vigie: unprotected Lua error (a bug in Vigie): %s\n", msg);
    abort();
    return 0;
}

lua_State *vigie_newstate(VigieControl *control) {
    if (control->hook_interval <= 0) control->hook_interval = 1000;
    if (control->close_depth_limit <= 0) control->close_depth_limit = 100;
    lua_State *L = lua_newstate(vigie_alloc, control);
    if (L == NULL) return NULL;
    *(VigieControl **)lua_getextraspace(L) = control;
    control->main_thread = L;
    lua_atpanic(L, vigie_panic);
    /* A collection cycle starts when the heap reaches 3 times what the last
     * one kept (Lua's default is 2): checking a stream makes a little
     * garbage per activity around a small live heap, and each cycle marks
     * that heap; this cuts the cycles by half. 4 times cut them by two
     * thirds for 1 % fewer instructions, but the allocator's pool keeps
     * what the heap reaches, and a run of a million activities went over
     * 60 MB (BENCHMARKS.md). At the memory limit Lua collects fully before
     * it refuses an allocation, so the limit means the same. */
    lua_gc(L, LUA_GCINC, 300, 0, 0);
    vigie_watchdog_register(control);
    return L;
}

void vigie_close(lua_State *L) {
    VigieControl *c = VIGIE_CONTROL(L);
    vigie_watchdog_unregister(c);
    /* Anything Lua still runs while closing (pending __close handlers) is
     * stopped at its first instruction or library call. */
    c->killed = VIGIE_LIMIT_INTERRUPT;
    lua_sethook(L, vigie_internal_hook, LUA_MASKCOUNT, 1);
    lua_close(L);
    pool_destroy(c);
}

/* ---- CPU: the sticky kill ---------------------------------------------- */

static const char *kill_text(int kind) {
    switch (kind) {
    case VIGIE_LIMIT_INSTRUCTIONS: return "instruction limit exceeded";
    case VIGIE_LIMIT_DEADLINE: return "time limit exceeded";
    case VIGIE_LIMIT_MEMORY: return "memory limit exceeded";
    case VIGIE_LIMIT_INTERRUPT: return "interrupted";
    default: return "stopped";
    }
}

/* Pre-allocates the kill messages so raising them never allocates. */
void vigie_internal_prepare_kills(lua_State *L) {
    for (int k = 1; k <= 4; k++) {
        lua_pushstring(L, kill_text(k));
        lua_rawsetp(L, LUA_REGISTRYINDEX, &kill_message_keys[k]);
    }
}

int vigie_raise_kill(lua_State *L) {
    VigieControl *c = VIGIE_CONTROL(L);
    if (c->killed == VIGIE_LIMIT_NONE) c->killed = VIGIE_LIMIT_INTERRUPT;
    int kind = c->killed;
    vigie_note_limit(c, kind);
    c->hook_dirty = 1;
    lua_sethook(L, vigie_internal_hook, LUA_MASKCOUNT, 1);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kill_message_keys[kind]);
    return lua_error(L);
}

int vigie_limits_check(lua_State *L) {
    VigieControl *c = VIGIE_CONTROL(L);
    if (c->killed == VIGIE_LIMIT_NONE) {
        if (c->interrupt) c->killed = VIGIE_LIMIT_INTERRUPT;
        else if (c->instr_limit > 0 && c->instr_count >= c->instr_limit) c->killed = VIGIE_LIMIT_INSTRUCTIONS;
        else if (c->deadline > 0 && vigie_now() >= c->deadline) c->killed = VIGIE_LIMIT_DEADLINE;
    }
    return c->killed;
}

void vigie_internal_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    VigieControl *c = VIGIE_CONTROL(L);
    if (c->killed == VIGIE_LIMIT_NONE) c->instr_count += c->hook_interval;
    if (vigie_limits_check(L) != VIGIE_LIMIT_NONE) vigie_raise_kill(L);
}

void vigie_arm(lua_State *L, long long instr_limit, double deadline) {
    VigieControl *c = VIGIE_CONTROL(L);
    c->killed = VIGIE_LIMIT_NONE;
    c->interrupt = 0;
    c->instr_count = 0;
    c->instr_limit = instr_limit;
    c->deadline = deadline;
    c->limit = VIGIE_LIMIT_NONE;
    c->mem_refused = 0;
    c->close_depth = 0;
    c->host_mode = 0;
    lua_State *main = c->main_thread;
    if (c->exact_count) {
        if (c->hook_dirty || lua_gethook(main) != vigie_internal_hook) {
            lua_sethook(main, vigie_internal_hook, LUA_MASKCOUNT, c->hook_interval);
            c->hook_dirty = 0;
        }
    } else {
        /* the fast path: no hook until the watchdog says the call runs long */
        if (lua_gethook(main) != NULL) lua_sethook(main, NULL, 0, 0);
        c->hook_dirty = 0;
        vigie_watchdog_enter(c);
    }
}

void vigie_disarm(lua_State *L) {
    VigieControl *c = VIGIE_CONTROL(L);
    if (!c->exact_count) {
        int hooked = vigie_watchdog_leave(c);
        if (hooked || c->hook_dirty) {
            lua_sethook(c->main_thread, NULL, 0, 0);
            c->hook_dirty = 0;
        }
    }
    c->killed = VIGIE_LIMIT_NONE;
    c->interrupt = 0;
    c->instr_limit = 0;
    c->deadline = 0;
    c->limit = VIGIE_LIMIT_NONE;
    c->host_mode = 0;
}

/* Whether `s` (of length len), once the "chunk:line: " prefixes Lua puts in
 * front of a message are skipped, starts with `text`. */
static int message_starts_with(const char *s, size_t len, const char *text) {
    size_t tl = strlen(text);
    size_t at = 0;
    for (;;) {
        if (len - at >= tl && memcmp(s + at, text, tl) == 0) return 1;
        /* skip one "chunk:digits: " prefix, if there is one */
        size_t i = at, next = 0;
        while (i < len && s[i] != '\n') {
            if (s[i] == ':' && i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9') {
                size_t j = i + 1;
                while (j < len && s[j] >= '0' && s[j] <= '9') j++;
                if (j + 1 < len && s[j] == ':' && s[j + 1] == ' ') { next = j + 2; break; }
            }
            i++;
        }
        if (next == 0) return 0;
        at = next;
    }
}

void vigie_internal_note_error(lua_State *L, int status, int idx) {
    VigieControl *c = VIGIE_CONTROL(L);
    if (status == LUA_ERRMEM) {
        vigie_note_limit(c, VIGIE_LIMIT_MEMORY);
        return;
    }
    if (status != LUA_ERRRUN || lua_type(L, idx) != LUA_TSTRING) return;
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    /* Lua raises these two itself, as plain errors with fixed messages (the
     * second form is luaL_checkstack's): there is no other sign of them. */
    if (message_starts_with(s, len, "C stack overflow")) vigie_note_limit(c, VIGIE_LIMIT_C_STACK);
    else if (message_starts_with(s, len, "stack overflow")) vigie_note_limit(c, VIGIE_LIMIT_LUA_STACK);
}

/* ---- protected entry points -------------------------------------------- */

/* Runs f with the given lightuserdata under lua_pcall, with `extra` values
 * (already pushed) as further arguments, and nresults results, the host's
 * memory headroom allowed. */
int vigie_internal_run_protected(lua_State *L, lua_CFunction f, void *ud, int extra, int nresults) {
    VigieControl *c = VIGIE_CONTROL(L);
    if (!lua_checkstack(L, 3 + (nresults > 0 ? nresults : 0))) return LUA_ERRMEM;
    int saved = c->host_mode;
    c->host_mode = 1;
    lua_pushcfunction(L, f);
    lua_pushlightuserdata(L, ud);
    if (extra > 0) {
        lua_rotate(L, -(extra + 2), 2);
    }
    int status = lua_pcall(L, extra + 1, nresults, 0);
    c->host_mode = saved;
    return status;
}

typedef struct {
    const char *source;
    size_t len;
    const char *chunkname;
    size_t max_size;
    int status;
} LoadArgs;

static int load_p(lua_State *L) {
    LoadArgs *a = (LoadArgs *)lua_touserdata(L, 1);
    /* argument 2: the environment */
    if (a->len > a->max_size) {
        a->status = LUA_ERRSYNTAX;
        vigie_note_limit(VIGIE_CONTROL(L), VIGIE_LIMIT_CHUNK_SIZE);
        lua_pushfstring(L, "%s: chunk too large (%I bytes; the limit is %I)",
                        a->chunkname[0] == '@' || a->chunkname[0] == '=' ? a->chunkname + 1 : a->chunkname,
                        (lua_Integer)a->len, (lua_Integer)a->max_size);
        return lua_error(L);
    }
    int st = luaL_loadbufferx(L, a->source, a->len, a->chunkname, "t");
    if (st != LUA_OK) {
        a->status = st;
        return lua_error(L);
    }
    lua_pushvalue(L, 2);
    lua_setupvalue(L, -2, 1);
    return 1;
}

int vigie_load(lua_State *L, const char *source, size_t len, const char *chunkname,
               int env_index, size_t max_size) {
    LoadArgs a = {source, len, chunkname, max_size, LUA_OK};
    VIGIE_CONTROL(L)->limit = VIGIE_LIMIT_NONE;
    env_index = lua_absindex(L, env_index);
    if (!lua_checkstack(L, 4)) return LUA_ERRMEM;
    lua_pushvalue(L, env_index);
    int st = vigie_internal_run_protected(L, load_p, &a, 1, 1);
    if (st != LUA_OK && a.status != LUA_OK) return a.status;
    return st;
}

/* The message handler of host calls: never runs metamethods. Returns a
 * table { message, traceback, source, line } (integer keys only, so that
 * reading it back needs no allocation). */
static int msgh(lua_State *L) {
    VigieControl *c = VIGIE_CONTROL(L);
    vigie_internal_note_error(L, LUA_ERRRUN, 1);
    c->host_mode = 1;
    int t = lua_type(L, 1);
    if (t == LUA_TSTRING) {
        lua_pushvalue(L, 1);
    } else if (t == LUA_TNUMBER) {
        if (lua_isinteger(L, 1)) lua_pushfstring(L, "%I", (lua_Integer)lua_tointeger(L, 1));
        else lua_pushfstring(L, "%f", (lua_Number)lua_tonumber(L, 1));
    } else if (t == LUA_TNIL) {
        lua_pushliteral(L, "nil");
    } else {
        lua_pushfstring(L, "(error object is a %s value)", lua_typename(L, t));
    }
    int msg = lua_gettop(L);
    luaL_traceback(L, L, NULL, 1);
    int tb = lua_gettop(L);
    lua_createtable(L, 2, 2);
    lua_pushvalue(L, msg);
    lua_rawseti(L, -2, 1);
    lua_pushvalue(L, tb);
    lua_rawseti(L, -2, 2);
    /* the innermost Lua frame, for errors that carry no position */
    lua_Debug ar;
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
            lua_pushstring(L, ar.short_src);
            lua_rawseti(L, -2, 3);
            lua_pushinteger(L, ar.currentline);
            lua_rawseti(L, -2, 4);
            break;
        }
    }
    c->host_mode = 0;
    return 1;
}

int vigie_pcall(lua_State *L, int nargs, int nresults) {
    VigieControl *c = VIGIE_CONTROL(L);
    if (!lua_checkstack(L, 4)) return LUA_ERRMEM;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, msgh);
    lua_insert(L, base);
    c->host_mode = 0;
    int status = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    if (status == LUA_ERRMEM) vigie_internal_note_error(L, status, -1);
    if (status != LUA_OK) {
        if (!lua_checkstack(L, 5)) return status;
        if (lua_type(L, -1) == LUA_TTABLE) {
            int info = lua_gettop(L);
            for (int i = 1; i <= 4; i++) lua_rawgeti(L, info, i);
            lua_remove(L, info);
        } else {
            /* the handler itself failed (memory, or error in error handling) */
            lua_pushnil(L);
            lua_pushnil(L);
            lua_pushnil(L);
        }
    }
    return status;
}

void vigie_interrupt(VigieControl *control) {
    control->interrupt = 1;
}
