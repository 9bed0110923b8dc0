/*
 * The CPU limit without a permanent count hook.
 *
 * With a count hook set, Lua 5.4 sends every VM instruction through
 * luaG_traceexec, whatever the hook's interval: a rule that runs for a few
 * microseconds pays that on each instruction. So a host call starts with no
 * hook on its main thread, and a watchdog thread looks at the calls in
 * progress every VIGIE_WATCHDOG_TICK_MS: a call it finds still running at
 * two looks in a row (one to two ticks old), or one that was interrupted,
 * gets the count hook, which from then on checks the limits every
 * hook_interval instructions as before (the deadline, the instruction
 * budget, the interrupt, the kill).
 *
 * Why a thread that sends a signal, rather than either alone:
 *
 * - lua_sethook may be called asynchronously only from a signal handler
 *   running on the thread that runs Lua (ldebug.c: it writes the hook fields
 *   and walks the thread's CallInfo list to set 'trap' on each Lua frame;
 *   lua.c's SIGINT handler does exactly this). From another thread, the
 *   walk races with the VM: a CallInfo read from L->ci may be freed by
 *   luaE_shrinkCI (a collection step) while the walk writes into it. So the
 *   hook is armed by a handler on the Lua thread, with that thread stopped
 *   at a point where the list is consistent.
 * - A timer signal per call (timer_create/setitimer) would cost two system
 *   calls per host call (arm and disarm the timer: about as much as the
 *   whole call of an activity that no rule flags) and interrupt system
 *   calls of every call that outlives a slice. The watchdog thread costs the
 *   calling thread a few stores per call and no system call; it signals
 *   only a call that has already run past its slice, which is rare (a
 *   runaway script, or a policy's loading), and does so once per call.
 *
 * The signal is a real-time one nothing else in the process uses (the
 * highest free one), installed with SA_RESTART; its handler does nothing
 * unless the thread is inside the very call the watchdog meant (calls are
 * numbered), so a late signal is harmless. If no signal can be installed,
 * every call keeps the hook on from its start (exact_count), as before.
 *
 * Coroutines always get the hook when they are created (vigie_sandbox.c
 * wraps coroutine.create and coroutine.wrap): the handler arms only the
 * main thread, which needs no tracking of which coroutine is running, and
 * rules seldom use coroutines.
 *
 * What changes: the deadline and interruptions hold as before once the hook
 * is on (a call is hooked within two ticks, 10 ms, or at the first look past
 * its deadline, and library calls and the pattern matcher check the limits on
 * entry as before); the instruction
 * budget counts only the instructions run with the hook on, so a call may
 * run up to two ticks' worth of instructions more than its budget before the
 * count starts. The memory limit is the allocator's and does not change.
 *
 * When no call is in progress for IDLE_TICKS ticks, the watchdog sleeps
 * until the next call wakes it (a state that sits idle, such as a REPL
 * waiting for input, costs no wake-ups).
 */
#include "vigie_shim.h"
#include "vigie_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>

enum { IDLE_TICKS = 40 };

static pthread_mutex_t wd_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wd_wake = PTHREAD_COND_INITIALIZER;
static pthread_once_t wd_once = PTHREAD_ONCE_INIT;
static VigieControl *wd_list;   /* the registered controls (under wd_lock) */
static int wd_signal;           /* 0: no watchdog, hooks stay on */
static int wd_sleeping;         /* atomic: the watchdog waits for a call */
static unsigned long wd_fired;  /* atomic: hooks armed by the handler */
static long wd_tick_ns = (long)VIGIE_WATCHDOG_TICK_MS * 1000000L;

/* The control of the call running on this thread (NULL outside calls).
 * initial-exec: reading it in the signal handler must not allocate. */
static __thread VigieControl *wd_current __attribute__((tls_model("initial-exec")));
/* Whether this thread has made sure the signal is not blocked. */
static __thread int wd_unblocked __attribute__((tls_model("initial-exec")));

int vigie_watchdog_signal(void) { return wd_signal; }

unsigned long vigie_watchdog_fired(void) { return __atomic_load_n(&wd_fired, __ATOMIC_RELAXED); }

/* Runs on the thread that runs Lua, between two of its instructions. */
static void on_signal(int sig) {
    (void)sig;
    int saved_errno = errno;
    VigieControl *c = wd_current;
    if (c != NULL && __atomic_load_n(&c->in_call, __ATOMIC_ACQUIRE)) {
        unsigned long seq = __atomic_load_n(&c->call_seq, __ATOMIC_RELAXED);
        if (__atomic_load_n(&c->fire_seq, __ATOMIC_ACQUIRE) == seq &&
            __atomic_load_n(&c->hooked_seq, __ATOMIC_RELAXED) != seq) {
            /* after a kill the hook already fires at every instruction */
            if (lua_gethook(c->main_thread) == NULL)
                lua_sethook(c->main_thread, vigie_internal_hook, LUA_MASKCOUNT, c->hook_interval);
            __atomic_store_n(&c->hooked_seq, seq, __ATOMIC_RELEASE);
            __atomic_fetch_add(&wd_fired, 1, __ATOMIC_RELAXED);
        }
    }
    errno = saved_errno;
}

static void *watchdog_main(void *arg) {
    (void)arg;
    int idle = 0;
    for (;;) {
        struct timespec tick = {wd_tick_ns / 1000000000L, wd_tick_ns % 1000000000L};
        nanosleep(&tick, NULL);
        pthread_mutex_lock(&wd_lock);
        int busy = 0;
        double now = vigie_now();
        for (VigieControl *c = wd_list; c != NULL; c = c->watch_next) {
            if (!__atomic_load_n(&c->in_call, __ATOMIC_SEQ_CST)) {
                c->watch_seen = 0;
                continue;
            }
            busy = 1;
            unsigned long seq = __atomic_load_n(&c->call_seq, __ATOMIC_ACQUIRE);
            if (__atomic_load_n(&c->hooked_seq, __ATOMIC_ACQUIRE) == seq) continue;
            /* running since the last look (call numbers start at 1), past its
             * deadline (shorter than two ticks), or asked to stop */
            double deadline = c->deadline;
            if (c->watch_seen == seq || c->interrupt || (deadline > 0 && now >= deadline)) {
                __atomic_store_n(&c->fire_seq, seq, __ATOMIC_RELEASE);
                pthread_kill(c->thread, wd_signal);
            }
            c->watch_seen = seq;
        }
        if (busy) {
            idle = 0;
        } else if (++idle >= IDLE_TICKS) {
            /* Sleep until a call begins. A call that begins meanwhile either
             * is seen below (in_call set before wd_sleeping is read there)
             * or sees wd_sleeping and wakes us: both are sequentially
             * consistent. */
            __atomic_store_n(&wd_sleeping, 1, __ATOMIC_SEQ_CST);
            int any = 0;
            for (VigieControl *c = wd_list; c != NULL; c = c->watch_next)
                if (__atomic_load_n(&c->in_call, __ATOMIC_SEQ_CST)) any = 1;
            while (!any && __atomic_load_n(&wd_sleeping, __ATOMIC_SEQ_CST)) pthread_cond_wait(&wd_wake, &wd_lock);
            __atomic_store_n(&wd_sleeping, 0, __ATOMIC_SEQ_CST);
            idle = 0;
        }
        pthread_mutex_unlock(&wd_lock);
    }
    return NULL;
}

static void start_watchdog(void) {
    /* VIGIE_WATCHDOG_TICK_MS (1 to 1000) lengthens the tick, for counting
     * instructions under valgrind, where every call runs fifty times
     * slower: the calls a native run leaves unhooked stay unhooked. */
    const char *tick = getenv("VIGIE_WATCHDOG_TICK_MS");
    if (tick != NULL) {
        long ms = strtol(tick, NULL, 10);
        if (ms >= 1 && ms <= 1000) wd_tick_ns = ms * 1000000L;
    }
    /* the highest real-time signal with no handler yet */
    int chosen = 0;
    for (int s = SIGRTMAX; s >= SIGRTMIN; s--) {
        struct sigaction old;
        if (sigaction(s, NULL, &old) != 0) continue;
        if ((old.sa_flags & SA_SIGINFO) == 0 && old.sa_handler == SIG_DFL) {
            chosen = s;
            break;
        }
    }
    if (chosen == 0) return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigfillset(&sa.sa_mask);
    if (sigaction(chosen, &sa, NULL) != 0) return;
    /* The watchdog takes no signal meant for the process. */
    sigset_t all, saved;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &saved);
    pthread_t thread;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    int ok = pthread_create(&thread, &attr, watchdog_main, NULL) == 0;
    pthread_attr_destroy(&attr);
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
    if (ok) wd_signal = chosen;
}

void vigie_watchdog_register(VigieControl *c) {
    pthread_once(&wd_once, start_watchdog);
    if (wd_signal == 0) {
        c->exact_count = 1;
        return;
    }
    pthread_mutex_lock(&wd_lock);
    c->watch_prev = NULL;
    c->watch_next = wd_list;
    if (wd_list != NULL) wd_list->watch_prev = c;
    wd_list = c;
    c->watched = 1;
    pthread_mutex_unlock(&wd_lock);
}

void vigie_watchdog_unregister(VigieControl *c) {
    if (wd_current == c) wd_current = c->outer; /* never left pointing at a closed state */
    if (!c->watched) return;
    pthread_mutex_lock(&wd_lock);
    if (c->watch_prev != NULL) c->watch_prev->watch_next = c->watch_next;
    else wd_list = c->watch_next;
    if (c->watch_next != NULL) c->watch_next->watch_prev = c->watch_prev;
    c->watch_next = c->watch_prev = NULL;
    c->watched = 0;
    pthread_mutex_unlock(&wd_lock);
}

void vigie_watchdog_enter(VigieControl *c) {
    if (!c->watched) return;
    if (!wd_unblocked) {
        /* a thread that blocks the signal would never get the hook */
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, wd_signal);
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        wd_unblocked = 1;
    }
    c->thread = pthread_self();
    c->outer = wd_current;
    wd_current = c;
    __atomic_store_n(&c->call_seq, c->call_seq + 1, __ATOMIC_RELEASE);
    __atomic_store_n(&c->in_call, 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&wd_sleeping, __ATOMIC_SEQ_CST)) {
        pthread_mutex_lock(&wd_lock);
        __atomic_store_n(&wd_sleeping, 0, __ATOMIC_SEQ_CST);
        pthread_cond_signal(&wd_wake);
        pthread_mutex_unlock(&wd_lock);
    }
}

int vigie_watchdog_leave(VigieControl *c) {
    if (!c->watched || !__atomic_load_n(&c->in_call, __ATOMIC_RELAXED)) return 0;
    __atomic_store_n(&c->in_call, 0, __ATOMIC_SEQ_CST);
    /* From here the handler does nothing for this call. */
    if (wd_current == c) wd_current = c->outer;
    c->outer = NULL;
    return __atomic_load_n(&c->hooked_seq, __ATOMIC_ACQUIRE) == c->call_seq;
}

void vigie_internal_hook_thread(lua_State *co) {
    VigieControl *c = VIGIE_CONTROL(co);
    lua_sethook(co, vigie_internal_hook, LUA_MASKCOUNT, c->killed != VIGIE_LIMIT_NONE ? 1 : c->hook_interval);
}
