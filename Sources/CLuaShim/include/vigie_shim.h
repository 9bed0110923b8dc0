/*
 * The C side of Vigie's Lua host.
 *
 * This target is the ONLY code that may raise a Lua error (and so longjmp).
 * Swift never calls an API that can raise outside a protected call: values
 * are handed over as an encoded buffer that C code decodes under lua_pcall,
 * and Swift callbacks return a status that the C trampoline turns into an
 * error.
 */
#ifndef VIGIE_SHIM_H
#define VIGIE_SHIM_H

#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <pthread.h>
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>

/* Which limit stopped a script. The first four are kills: sticky, once set
 * every hook, every library call and every pcall, xpcall, resume or close
 * raises again, so that a script cannot catch them. The others are plain
 * errors a script may catch; the shim records them all the same (see
 * VigieControl.limit). */
typedef enum {
    VIGIE_LIMIT_NONE = 0,
    VIGIE_LIMIT_INSTRUCTIONS = 1,
    VIGIE_LIMIT_DEADLINE = 2,
    VIGIE_LIMIT_MEMORY = 3,
    VIGIE_LIMIT_INTERRUPT = 4,
    VIGIE_LIMIT_PATTERN_STEPS = 5, /* a pattern call ran out of steps */
    VIGIE_LIMIT_LUA_STACK = 6,     /* Lua's own stack overflow (deep recursion) */
    VIGIE_LIMIT_C_STACK = 7,       /* Lua's C-call limit (recursion through C or metamethods) */
    VIGIE_LIMIT_CLOSE_DEPTH = 8,   /* coroutine.close nested too deeply */
    VIGIE_LIMIT_CHUNK_SIZE = 9,    /* a chunk over the size cap (host load or load()) */
    VIGIE_LIMIT_STRING_SIZE = 10,  /* string.rep over the string cap */
    VIGIE_LIMIT_OUTPUT = 11        /* print over the output cap (set by the host) */
} VigieLimit;

/* Per-state limits and accounting. One per lua_State, shared by its
 * coroutines (a pointer to it sits in the extra space of every thread). */
typedef struct VigieControl {
    /* memory (bytes) */
    size_t mem_used;
    size_t mem_peak;
    size_t mem_limit;        /* 0 = unlimited */
    size_t mem_headroom;     /* extra bytes allowed while host_mode > 0 */
    int host_mode;           /* > 0 while the host itself allocates */
    int mem_refused;         /* allocations refused since the last reset */

    /* CPU */
    long long instr_count;   /* VM instructions counted by the hook (only
                              * while it is on: see the watchdog below) */
    long long instr_limit;   /* 0 = unlimited */
    double deadline;         /* CLOCK_MONOTONIC seconds; 0 = none */
    int hook_interval;       /* instructions between two hook calls */
    int exact_count;         /* 1: the count hook is on from the start of
                              * every call (every instruction counted, and
                              * every instruction slower); 0: the watchdog */
    volatile sig_atomic_t interrupt; /* set from another thread or a signal */

    /* string patterns */
    long long pattern_base_steps;     /* steps allowed per call ... */
    long long pattern_steps_per_byte; /* ... plus this many per subject byte */

    /* other guards */
    int close_depth;          /* current nesting of coroutine.close */
    int close_depth_limit;
    size_t max_string;        /* largest string string.rep & co may build */

    int killed;               /* the kill (a sticky VigieLimit), 0 if none */
    int limit;                /* the limit the host reports for this call
                               * (VigieLimit): a kill, else the first limit
                               * that fired, even if the script caught it */
    int hook_dirty;           /* a kill changed the hook count */

    void *pool;               /* the allocator's small blocks (vigie_state.c) */

    /* The watchdog (vigie_watchdog.c). A call starts with no count hook on
     * the main thread (Lua then runs its fast path); when it is still
     * running a slice later, or when it is interrupted, the watchdog thread
     * sends the calling thread a signal whose handler arms the hook there
     * (lua_sethook is safe in a signal handler, as lua.c does for Ctrl-C).
     * Coroutines always have the hook. Only the shim touches these. */
    lua_State *main_thread;
    pthread_t thread;           /* the thread running the current call */
    unsigned long call_seq;     /* bumped by every vigie_arm (atomic) */
    int in_call;                /* 1 from vigie_arm to vigie_disarm (atomic) */
    unsigned long fire_seq;     /* the call the watchdog signalled (atomic) */
    unsigned long hooked_seq;   /* the call whose main thread got the hook */
    unsigned long watch_seen;   /* the watchdog's own: call_seq at its last look */
    struct VigieControl *outer; /* the call this one runs inside, on this thread */
    struct VigieControl *watch_next, *watch_prev;
    int watched;                /* registered with the watchdog */
} VigieControl;

/* Records that `limit` fired: a kill always wins, another limit only if
 * none is recorded yet. Never raises. */
static inline void vigie_note_limit(VigieControl *c, int limit) {
    if (limit >= VIGIE_LIMIT_INSTRUCTIONS && limit <= VIGIE_LIMIT_INTERRUPT) c->limit = limit;
    else if (c->limit == VIGIE_LIMIT_NONE) c->limit = limit;
}

/* ---- state ---------------------------------------------------------- */

/* Creates a state whose allocator and hooks use `control` (which must
 * outlive it). Returns NULL if even the state could not be allocated. */
lua_State *vigie_newstate(VigieControl *control);
/* Closes a state made by vigie_newstate and frees its allocator's blocks. */
void vigie_close(lua_State *L);
VigieControl *vigie_control(lua_State *L);
double vigie_now(void);

/* Prepares `control` for a new host call on the calling thread: clears the
 * kill, sets a fresh budget and deadline, and hands the call to the
 * watchdog (or, with exact_count, sets the count hook of the main thread).
 * Every vigie_arm is followed by a vigie_disarm on the same thread; calls of
 * other states may nest in between. */
void vigie_arm(lua_State *L, long long instr_limit, double deadline);

/* Ends a host call: clears the kill and the limits, takes the call from the
 * watchdog and the hook off the main thread if the watchdog had armed it. */
void vigie_disarm(lua_State *L);

/* ---- the watchdog (vigie_watchdog.c) ---------------------------------- */

/* The watchdog's period: a call still running after one to two periods
 * gets the count hook. */
enum { VIGIE_WATCHDOG_TICK_MS = 5 };
/* The signal the watchdog uses (0 if none could be installed: then every
 * call keeps the count hook on, as with exact_count). */
int vigie_watchdog_signal(void);
/* How many times the watchdog armed a hook since the process started (for
 * tests and benchmarks). */
unsigned long vigie_watchdog_fired(void);

/* Checks the limits from C code that runs long (the pattern matcher). Returns
 * the kill reason (0 if none). Never raises. */
int vigie_limits_check(lua_State *L);
/* Raises the sticky kill error. Never returns. Call only from C functions
 * called by Lua. */
int vigie_raise_kill(lua_State *L);

/* ---- sandbox -------------------------------------------------------- */

/* Opens the allowed libraries, installs the guarded functions and locks the
 * string metatable. Runs in protected mode; returns a Lua status. On error
 * the message is on the stack. */
int vigie_open_sandbox(lua_State *L);

/* Replaces find, match, gmatch and gsub in the table at the top of the stack
 * by step-counted versions (vigie_pattern.c). */
void vigie_open_safe_patterns(lua_State *L);

/* Builds a new script environment (a table with fresh copies of the library
 * tables; its `load` accepts chunks of at most max_chunk bytes) and pushes
 * it. Protected; returns a Lua status. */
int vigie_new_env(lua_State *L, size_t max_chunk);

/* Forgets the modules `require` cached in the environment `env_ref`. */
int vigie_forget_modules(lua_State *L, int env_ref);

/* Pops the value at the top and makes it the function `print` writes to
 * (false: print writes nothing). Never raises once the sandbox is open. */
void vigie_set_writer(lua_State *L);
/* Pops the value at the top and makes it the module resolver used by
 * `require`: function(name) -> source, chunkname | nil. Never raises once
 * the sandbox is open. */
void vigie_set_resolver(lua_State *L);

/* Loads a text chunk (mode "t") of at most max_size bytes, with its _ENV set
 * to the table at env_index. Pushes the function, or an error message.
 * Protected; returns a Lua status (LUA_ERRSYNTAX for a syntax error or an
 * oversized chunk). */
int vigie_load(lua_State *L, const char *source, size_t len, const char *chunkname,
               int env_index, size_t max_size);

/* Calls the function below nargs arguments with a message handler that
 * records a traceback without running metamethods. Returns a Lua status;
 * on error, pushes 4 values: the message, the traceback, the source and the
 * line of the innermost Lua frame (each may be nil). */
int vigie_pcall(lua_State *L, int nargs, int nresults);

/* Calls the function held by registry reference `ref` with `nargs` values
 * decoded from `buf`, in one protected call with the same message handler
 * and results as vigie_pcall. *host_failure is set when the error happened
 * while decoding the arguments (the host ran out of memory), not in Lua. */
int vigie_call_encoded(lua_State *L, int ref, const uint8_t *buf, size_t len, int nargs, int *host_failure);

/* Asks the running script to stop (safe from another thread or a signal
 * handler): the watchdog arms the hook within a tick, and the next hook,
 * library call or pattern check raises the sticky kill. */
void vigie_interrupt(VigieControl *control);

static inline int vigie_gc(lua_State *L, int what, int data) { return lua_gc(L, what, data); }

/* Incremental mode with a new pause (percent of the memory the last cycle
 * kept that starts the next), the step settings left as they are. */
static inline void vigie_gc_pause(lua_State *L, int pause) { lua_gc(L, LUA_GCINC, pause, 0, 0); }

/* Safe tostring: runs __tostring / __name but never shows an address. */
int vigie_tostring(lua_State *L);

/* ---- values --------------------------------------------------------- */

/* Encoded values (little-endian), produced by Swift, decoded by C:
 *   'n' nil | 'f' false | 't' true | 'i' int64 | 'd' double
 *   's' u32 length + bytes
 *   'a' u32 count + values          (array, keys 1..count)
 *   'm' u32 count + (key, value)*   (map)
 *   'A' / 'M' same as 'a' / 'm' but pushed as read-only views
 *   'L' u16 schema + u32 payload length + payload: a read-only view of a
 *       map with the fields of a schema (vigie_register_schema), decoded
 *       field by field when a script first reads each one; the payload
 *       is a u32 per field of the schema (the field's offset in the
 *       payload, 0 when absent) then the fields' values
 */
enum { VIGIE_MAX_DECODE_DEPTH = 200 };

/* Decodes `count` values from `buf` and pushes them. Protected; returns a Lua
 * status (the message is pushed on error). */
int vigie_push_encoded(lua_State *L, const uint8_t *buf, size_t len, int count);

/* If the value at idx is a read-only view, pushes its backing table (every
 * field decoded, for a lazy view) and returns 1; else returns 0 and pushes
 * nothing. Never raises (a lazy view that cannot be decoded for lack of
 * memory counts as no view). */
int vigie_view_backing(lua_State *L, int idx);

/* Registers the field names of lazy views ('L'); *id is the schema's number
 * in the encoding. Protected; returns a Lua status. */
int vigie_register_schema(lua_State *L, const char *const *names, const size_t *lens, int count, int *id);

/* Reads t[k] of the table at idx without raising, running no metamethod
 * and leaving the stack as it was. Returns VIGIE_RAW_NIL, _FALSE, _TRUE,
 * _INTEGER (*i), _NUMBER (*d), _STRING (*s, *len: valid while the table
 * holds the string) or _OTHER. */
enum { VIGIE_RAW_NIL = 0, VIGIE_RAW_FALSE, VIGIE_RAW_TRUE, VIGIE_RAW_INTEGER, VIGIE_RAW_NUMBER, VIGIE_RAW_STRING,
       VIGIE_RAW_OTHER };
int vigie_rawgeti_scalar(lua_State *L, int idx, lua_Integer k, lua_Integer *i, double *d, const char **s, size_t *len);

/* Protected raw access to a string field of the table at `table`:
 * set pops the value at the top; get pushes the field. Return a Lua status
 * (on error the message is pushed). */
int vigie_rawset_field(lua_State *L, int table, const char *key, size_t len);
int vigie_rawget_field(lua_State *L, int table, const char *key, size_t len);

/* References that keep a Lua value alive for the host (registry refs).
 * vigie_ref pops the value at the top; returns a Lua status.
 * vigie_getref pushes the value (returns 0 if the stack cannot grow). */
int vigie_ref(lua_State *L, int *ref);
int vigie_unref(lua_State *L, int ref);
int vigie_getref(lua_State *L, int ref);

/* The chunk name (without its '@' or '=') and current line of the Lua
 * function `level` levels up the stack (1 = the caller of the running C
 * function). Returns 0 if there is no such Lua frame. Never raises, never
 * allocates. */
int vigie_where(lua_State *L, int level, char *source, size_t source_size, int *line);

/* ---- Swift callbacks ------------------------------------------------ */

/* A Swift function seen from Lua. It reads its arguments with non-raising
 * calls only, then either
 *   - returns n >= 0 and sets out and outlen to an encoded buffer of n values
 *     (the trampoline decodes and pushes them), or
 *   - returns -1 and sets out and outlen to a UTF-8 error message (raised by
 *     the trampoline with position information).
 * The buffer must stay valid until the next call of the same function. */
typedef int (*vigie_swift_fn)(lua_State *L, void *context, const uint8_t **out, size_t *outlen);

/* Pushes a Lua C closure that calls fn(context). The caller keeps `context`
 * alive as long as the state lives (Lua runs no finalizer for it).
 * Protected; returns a Lua status. */
int vigie_push_swift_function(lua_State *L, vigie_swift_fn fn, void *context);

/* ---- wrappers for macros -------------------------------------------- */

static inline void vigie_pop(lua_State *L, int n) { lua_settop(L, -(n)-1); }
static inline const char *vigie_tolstring_raw(lua_State *L, int idx, size_t *len) {
    /* Only for values whose type is LUA_TSTRING: no conversion, no allocation. */
    return lua_type(L, idx) == LUA_TSTRING ? lua_tolstring(L, idx, len) : NULL;
}
static inline int vigie_isinteger(lua_State *L, int idx) { return lua_isinteger(L, idx); }
static inline lua_Integer vigie_tointeger(lua_State *L, int idx) { return lua_tointegerx(L, idx, NULL); }
static inline lua_Number vigie_tonumber(lua_State *L, int idx) { return lua_tonumberx(L, idx, NULL); }

#endif
