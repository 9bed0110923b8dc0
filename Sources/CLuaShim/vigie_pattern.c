/* Placeholder: the step-counted matcher replaces this file. */
#include "vigie_shim.h"
void vigie_open_safe_patterns(lua_State *L) { (void)L; }
