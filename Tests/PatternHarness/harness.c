/*
 * Differential harness for vigie_pattern.c.
 *
 * Opens a plain Lua state, keeps the native string library in the global
 * NATIVE, installs the step-counted functions in a copy of it (global SAFE),
 * and runs cases.lua, which compares both on hand-written and fuzzed cases.
 * The last line printed is "N passed, M failed"; the exit status is non-zero
 * if anything failed.
 *
 * usage: harness path/to/cases.lua [--no-bench]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vigie_shim.h"

/* ---- stand-ins for vigie_state.c ---------------------------------------- */

static long long limits_checks;   /* calls of vigie_limits_check */

double vigie_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

VigieControl *vigie_control(lua_State *L) {
    return *(VigieControl **)lua_getextraspace(L);
}

int vigie_limits_check(lua_State *L) {
    VigieControl *c = vigie_control(L);
    limits_checks++;
    if (c->killed == VIGIE_LIMIT_NONE) {
        if (c->interrupt) c->killed = VIGIE_LIMIT_INTERRUPT;
        else if (c->deadline > 0 && vigie_now() > c->deadline) c->killed = VIGIE_LIMIT_DEADLINE;
    }
    return c->killed;
}

int vigie_raise_kill(lua_State *L) {
    VigieControl *c = vigie_control(L);
    const char *why = c->killed == VIGIE_LIMIT_DEADLINE ? "deadline exceeded"
                    : c->killed == VIGIE_LIMIT_INTERRUPT ? "interrupted" : "killed";
    return luaL_error(L, "vigie: script stopped (%s)", why);
}

/* ---- functions exposed to cases.lua ------------------------------------- */

/* vigie_set_limits(base, per_byte): 0 means default */
static int h_set_limits(lua_State *L) {
    VigieControl *c = vigie_control(L);
    c->pattern_base_steps = (long long)luaL_checkinteger(L, 1);
    c->pattern_steps_per_byte = (long long)luaL_checkinteger(L, 2);
    return 0;
}

/* vigie_tripped() -> flag, then clears it */
static int h_tripped(lua_State *L) {
    VigieControl *c = vigie_control(L);
    lua_pushboolean(L, c->limit == VIGIE_LIMIT_PATTERN_STEPS);
    c->limit = VIGIE_LIMIT_NONE;
    return 1;
}

/* vigie_set_deadline(seconds from now, or nil/0 for none); also clears a kill */
static int h_set_deadline(lua_State *L) {
    VigieControl *c = vigie_control(L);
    double d = luaL_optnumber(L, 1, 0);
    c->deadline = d != 0 ? vigie_now() + d : 0;
    c->killed = VIGIE_LIMIT_NONE;
    return 0;
}

/* vigie_set_interrupt(flag); also clears a kill */
static int h_set_interrupt(lua_State *L) {
    VigieControl *c = vigie_control(L);
    c->interrupt = lua_toboolean(L, 1);
    c->killed = VIGIE_LIMIT_NONE;
    return 0;
}

static int h_checks(lua_State *L) {
    lua_pushinteger(L, (lua_Integer)limits_checks);
    return 1;
}

static int h_now(lua_State *L) {
    lua_pushnumber(L, vigie_now());
    return 1;
}

static int traceback(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    luaL_traceback(L, L, msg ? msg : "(error object is not a string)", 1);
    return 1;
}

int main(int argc, char **argv) {
    static VigieControl control;
    if (argc < 2) {
        fprintf(stderr, "usage: %s cases.lua [--no-bench]\n", argv[0]);
        return 2;
    }
    int bench = !(argc > 2 && strcmp(argv[2], "--no-bench") == 0);

    lua_State *L = luaL_newstate();
    if (L == NULL) return 2;
    *(VigieControl **)lua_getextraspace(L) = &control;
    luaL_openlibs(L);

    /* NATIVE: a copy of the stock string table; SAFE: a copy with ours */
    int failures = 0;
    for (int k = 0; k < 2; k++) {
        lua_newtable(L);
        lua_getglobal(L, "string");
        lua_pushnil(L);
        while (lua_next(L, -2) != 0) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_settable(L, -5);
        }
        lua_pop(L, 1);
        if (k == 1) {
            lua_pushliteral(L, "sentinel");
            lua_insert(L, -2);
            int top = lua_gettop(L);
            vigie_open_safe_patterns(L);
            if (lua_gettop(L) != top || !lua_istable(L, -1) ||
                lua_type(L, -2) != LUA_TSTRING) {
                fprintf(stderr, "FAIL: vigie_open_safe_patterns changed the stack\n");
                failures++;
            }
            lua_remove(L, -2);
        }
        lua_setglobal(L, k == 0 ? "NATIVE" : "SAFE");
    }
    lua_pushboolean(L, bench);
    lua_setglobal(L, "BENCH");
    lua_register(L, "vigie_set_limits", h_set_limits);
    lua_register(L, "vigie_tripped", h_tripped);
    lua_register(L, "vigie_set_deadline", h_set_deadline);
    lua_register(L, "vigie_set_interrupt", h_set_interrupt);
    lua_register(L, "vigie_checks", h_checks);
    lua_register(L, "vigie_now", h_now);

    lua_pushcfunction(L, traceback);
    if (luaL_loadfile(L, argv[1]) != LUA_OK || lua_pcall(L, 0, 2, -2) != LUA_OK) {
        fprintf(stderr, "harness error: %s\n", lua_tostring(L, -1));
        printf("0 passed, %d failed\n", failures + 1);
        lua_close(L);
        return 1;
    }
    long long passed = (long long)lua_tointeger(L, -2);
    long long failed = (long long)lua_tointeger(L, -1) + failures;
    lua_close(L);
    printf("%lld passed, %lld failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
