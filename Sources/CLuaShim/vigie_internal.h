/* Declarations shared by the shim's C files only (not part of the Swift API). */
#ifndef VIGIE_INTERNAL_H
#define VIGIE_INTERNAL_H
#include "vigie_shim.h"

#define VIGIE_CONTROL(L) (*(VigieControl **)lua_getextraspace(L))

void vigie_internal_hook(lua_State *L, lua_Debug *ar);
/* The watchdog: a state joins at creation and leaves before it closes; a
 * call enters after vigie_arm has set its limits and leaves at disarm. */
void vigie_watchdog_register(VigieControl *c);
void vigie_watchdog_unregister(VigieControl *c);
void vigie_watchdog_enter(VigieControl *c);
/* Returns whether the watchdog had armed the main thread's hook in this call. */
int vigie_watchdog_leave(VigieControl *c);
/* Gives a new coroutine the count hook (coroutines always have it). */
void vigie_internal_hook_thread(lua_State *co);
void vigie_internal_prepare_kills(lua_State *L);
/* Records the limit behind an error (status, error value at idx), if one
 * is: a memory error by its status; Lua's own stack and C-stack overflows
 * by their fixed messages. Never raises, never allocates. */
void vigie_internal_note_error(lua_State *L, int status, int idx);
/* Runs f(ud, extra values already pushed) in protected mode with the host's
 * headroom; returns a Lua status (the message is pushed on error). */
int vigie_internal_run_protected(lua_State *L, lua_CFunction f, void *ud, int extra, int nresults);
/* Pushes the read-only view metatable (creating it on first use). */
void vigie_internal_push_view_metatable(lua_State *L);

#endif
