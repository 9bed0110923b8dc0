/*
 * vigie_pattern.c -- step-counted string.find / match / gmatch / gsub.
 *
 * Stock Lua runs its pattern matcher inside C functions, where the count hook
 * never fires, so a pattern with heavy backtracking can run for hours. These
 * replacements implement the pattern language of the Lua 5.4 reference manual
 * (section 6.4.1) with the same results and error messages, but count their
 * work: every recursive match call and every single-character test is a step,
 * and a call that exceeds its budget raises "pattern too complex: step limit
 * of N steps exceeded". Every CHECK_INTERVAL steps the host's deadline / kill
 * flags are polled through vigie_limits_check().
 *
 * Design. A pattern is first translated into a small array of nodes (one per
 * pattern item). The translation never raises: a malformed item becomes an
 * ERROR node, raised only if the matcher reaches it, because stock Lua
 * reports pattern errors lazily (string.find("b", "a[") returns nil). Sets
 * and classes become 256-bit bitmaps. Consecutive plain characters become one
 * STR node compared with memcmp. The matcher is a backtracking interpreter
 * whose recursion happens at the same places, and is limited to the same
 * depth (200), as stock Lua, so that "pattern too complex" is raised for the
 * same patterns.
 *
 * Capture bookkeeping is static: since quantifiers apply to single
 * characters only, the set of open / closed captures at any point of a
 * pattern is known when it is translated, so capture indices are resolved
 * (and errors such as "invalid pattern capture" located) at translation time.
 */
#include <limits.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <ctype.h>

#include "vigie_shim.h"

#define PAT_MAX_CAPTURES 32      /* same as LUA_MAXCAPTURES */
#define PAT_MAX_DEPTH 200        /* nested matcher frames, as stock Lua */
#define CHECK_INTERVAL 4096      /* steps between two vigie_limits_check */
#define DEFAULT_BASE_STEPS 1000000LL
#define DEFAULT_STEPS_PER_BYTE 64LL
#define STACK_NODES 32           /* programs up to this size live on the C stack */
#define STACK_SETS 4

#define CAP_OPEN (-1)            /* capture started, not closed yet */
#define CAP_POSITION (-2)        /* position capture "()" */

typedef unsigned char uchar;

/* ---- character classes ---------------------------------------------- */

/* Bitmaps of the classes %a %c %d %g %l %p %s %u %w %x (and the deprecated
 * %z, still honoured by Lua 5.4) and of their upper case complements, computed once with <ctype.h>. The host runs in the C
 * locale, as the stock string library assumes. */
static uchar class_bits[22][32];
static const uchar *class_map[256];
static pthread_once_t class_once = PTHREAD_ONCE_INIT;

static int class_has(char letter, int c) {
    switch (letter) {
    case 'a': return isalpha(c);
    case 'c': return iscntrl(c);
    case 'd': return isdigit(c);
    case 'g': return isgraph(c);
    case 'l': return islower(c);
    case 'p': return ispunct(c);
    case 's': return isspace(c);
    case 'u': return isupper(c);
    case 'w': return isalnum(c);
    case 'x': return isxdigit(c);
    case 'z': return c == 0;   /* deprecated in 5.2, still accepted by 5.4 */
    default: return 0;
    }
}

static void init_classes(void) {
    static const char letters[] = "acdglpsuwxz";
    for (int k = 0; letters[k] != '\0'; k++) {
        uchar *in = class_bits[2 * k], *out = class_bits[2 * k + 1];
        for (int c = 0; c < 256; c++) {
            if (class_has(letters[k], c)) in[c >> 3] |= (uchar)(1u << (c & 7));
            else out[c >> 3] |= (uchar)(1u << (c & 7));
        }
        class_map[(uchar)letters[k]] = in;
        class_map[(uchar)toupper((uchar)letters[k])] = out;
    }
}

#define BIT_IN(set, c) (((set)[(uchar)(c) >> 3] >> ((uchar)(c) & 7)) & 1)

/* ---- compiled patterns ------------------------------------------------ */

enum {
    OP_END,      /* end of pattern: success */
    OP_EOS,      /* final '$': success only at the end of the subject */
    OP_ITEM,     /* single-character class, with a quantifier */
    OP_STR,      /* run of plain characters */
    OP_OPEN,     /* '(' */
    OP_POS,      /* '()' */
    OP_CLOSE,    /* ')' */
    OP_BACKREF,  /* %1 .. %9 */
    OP_BALANCE,  /* %bxy */
    OP_FRONTIER, /* %f[set] */
    OP_ERROR     /* malformed item, raised when reached */
};
enum { Q_ONE, Q_OPT, Q_STAR, Q_PLUS, Q_LAZY };
enum { T_LIT, T_ANY, T_SET };
enum {
    E_ENDS_PERCENT, E_MISSING_BRACKET, E_BALANCE_ARGS, E_FRONTIER_BRACKET,
    E_CAPTURE_INDEX, E_PATTERN_CAPTURE, E_TOO_MANY
};
enum { LEAD_NONE, LEAD_CHAR, LEAD_SET, LEAD_FRONTIER };

typedef struct Node {
    uchar op;
    uchar quant;      /* OP_ITEM */
    uchar test;       /* OP_ITEM */
    uchar ch;         /* literal, %b opener, or error code */
    uchar ch2;        /* %b closer */
    short idx;        /* capture index, or error argument */
    size_t len;       /* OP_STR length (1 for a mergeable literal item) */
    const char *str;  /* OP_STR bytes / source of a mergeable literal, or NULL */
    const uchar *set; /* T_SET / OP_FRONTIER bitmap */
} Node;

typedef struct Program {
    const Node *nodes;
    int ncap;         /* captures of a successful match */
    int lead;         /* test every match must start with (LEAD_*) */
    uchar lead_ch;
    const uchar *lead_set;
} Program;

/* Upper bounds of the storage a pattern needs. */
static size_t count_nodes(size_t lp) { return lp + 1; }
static size_t count_sets(const char *p, size_t lp) {
    size_t n = 0;
    for (size_t i = 0; i < lp; i++) n += (p[i] == '[');
    return n;
}

/* Finds the ']' closing the set that starts at q (which points at '[').
 * Returns NULL if the set is not closed. The first character of the set
 * (after an optional '^') is always a member, even ']'; '%' escapes the
 * character after it. */
static const char *set_end(const char *q, const char *pe) {
    const char *r = q + 1;
    if (r < pe && *r == '^') r++;
    do {
        if (r >= pe) return NULL;
        if (*r++ == '%' && r < pe) r++;
    } while (r >= pe || *r != ']');
    return r;
}

static void add_class(uchar *bits, uchar cl) {
    const uchar *cls = class_map[cl];
    if (cls != NULL) {
        for (int i = 0; i < 32; i++) bits[i] |= cls[i];
    } else {
        bits[cl >> 3] |= (uchar)(1u << (cl & 7));
    }
}

/* Builds the bitmap of the set whose '[' is at q and whose ']' is at ec.
 * Members: "%x" (a class, or the character x), "a-b" (a range, when the
 * character after '-' lies before the closing ']'), or a single character.
 * A leading '^' complements the set. */
static void build_set(uchar *bits, const char *q, const char *ec) {
    int negate = 0;
    memset(bits, 0, 32);
    q++;
    if (*q == '^') { negate = 1; q++; }
    while (q < ec) {
        uchar c = (uchar)*q;
        if (c == '%') {
            q++;                      /* q <= ec: the byte at ec is ']' */
            add_class(bits, (uchar)*q);
            q++;
        } else if (q + 2 < ec && q[1] == '-') {
            unsigned lo = c, hi = (uchar)q[2];
            for (unsigned x = lo; x <= hi; x++) bits[x >> 3] |= (uchar)(1u << (x & 7));
            q += 3;
        } else {
            bits[c >> 3] |= (uchar)(1u << (c & 7));
            q++;
        }
    }
    if (negate)
        for (int i = 0; i < 32; i++) bits[i] = (uchar)~bits[i];
}

static Node *emit_error(Node *n, int code, int arg) {
    memset(n, 0, sizeof *n);
    n->op = OP_ERROR;
    n->ch = (uchar)code;
    n->idx = (short)arg;
    return n;
}

/* Translates pattern p (anchor already removed) into nodes[] and sets[].
 * Never raises. */
static void compile(Program *prog, const char *p, size_t lp, Node *nodes, uchar (*sets)[32]) {
    const char *q = p, *pe = p + lp;
    signed char state[PAT_MAX_CAPTURES]; /* CAP_OPEN, CAP_POSITION or 1 (closed) */
    int level = 0;
    Node *n = nodes;
    prog->nodes = nodes;
    prog->ncap = 0;
    prog->lead = LEAD_NONE;

    for (;;) {
        if (q >= pe) {
            memset(n, 0, sizeof *n);
            n->op = OP_END;
            break;
        }
        uchar c = (uchar)*q;
        if (c == '(') {
            if (level >= PAT_MAX_CAPTURES) { emit_error(n, E_TOO_MANY, 0); break; }
            memset(n, 0, sizeof *n);
            n->idx = (short)level;
            if (q + 1 < pe && q[1] == ')') {
                n->op = OP_POS;
                state[level++] = CAP_POSITION;
                q += 2;
            } else {
                n->op = OP_OPEN;
                state[level++] = CAP_OPEN;
                q++;
            }
            n++;
            continue;
        }
        if (c == ')') {
            int l = level - 1;
            while (l >= 0 && state[l] != CAP_OPEN) l--;
            if (l < 0) { emit_error(n, E_PATTERN_CAPTURE, 0); break; }
            memset(n, 0, sizeof *n);
            n->op = OP_CLOSE;
            n->idx = (short)l;
            state[l] = 1;
            q++;
            n++;
            continue;
        }
        if (c == '$' && q + 1 == pe) {
            memset(n, 0, sizeof *n);
            n->op = OP_EOS;
            break;
        }
        if (c == '%' && q + 1 < pe) {
            uchar d = (uchar)q[1];
            if (d == 'b') {
                if (q + 3 >= pe) { emit_error(n, E_BALANCE_ARGS, 0); break; }
                memset(n, 0, sizeof *n);
                n->op = OP_BALANCE;
                n->ch = (uchar)q[2];
                n->ch2 = (uchar)q[3];
                q += 4;
                n++;
                continue;
            }
            if (d == 'f') {
                q += 2;
                if (q >= pe || *q != '[') { emit_error(n, E_FRONTIER_BRACKET, 0); break; }
                const char *ec = set_end(q, pe);
                if (ec == NULL) { emit_error(n, E_MISSING_BRACKET, 0); break; }
                memset(n, 0, sizeof *n);
                n->op = OP_FRONTIER;
                build_set(*sets, q, ec);
                n->set = *sets++;
                q = ec + 1;
                n++;
                continue;
            }
            if (d >= '0' && d <= '9') {
                int l = d - '1';
                if (l < 0 || l >= level || state[l] == CAP_OPEN) {
                    emit_error(n, E_CAPTURE_INDEX, l + 1);
                    break;
                }
                memset(n, 0, sizeof *n);
                n->op = OP_BACKREF;
                n->idx = (short)l;
                q += 2;
                n++;
                continue;
            }
        }

        /* a single-character class, maybe followed by a quantifier */
        Node item;
        const char *ep;
        memset(&item, 0, sizeof item);
        item.op = OP_ITEM;
        if (c == '.') {
            item.test = T_ANY;
            ep = q + 1;
        } else if (c == '%') {
            if (q + 1 >= pe) { emit_error(n, E_ENDS_PERCENT, 0); break; }
            uchar cl = (uchar)q[1];
            if (class_map[cl] != NULL) {
                item.test = T_SET;
                item.set = class_map[cl];
            } else {
                item.test = T_LIT;
                item.ch = cl;
                item.str = q + 1;
                item.len = 1;
            }
            ep = q + 2;
        } else if (c == '[') {
            const char *ec = set_end(q, pe);
            if (ec == NULL) { emit_error(n, E_MISSING_BRACKET, 0); break; }
            build_set(*sets, q, ec);
            item.test = T_SET;
            item.set = *sets++;
            ep = ec + 1;
        } else {
            item.test = T_LIT;
            item.ch = c;
            item.str = q;
            item.len = 1;
            ep = q + 1;
        }
        item.quant = Q_ONE;
        if (ep < pe) {
            switch (*ep) {
            case '?': item.quant = Q_OPT; ep++; break;
            case '*': item.quant = Q_STAR; ep++; break;
            case '+': item.quant = Q_PLUS; ep++; break;
            case '-': item.quant = Q_LAZY; ep++; break;
            default: break;
            }
        }
        q = ep;
        if (item.test == T_LIT && item.quant == Q_ONE && n > nodes) {
            Node *prev = n - 1;
            if ((prev->op == OP_STR || (prev->op == OP_ITEM && prev->test == T_LIT &&
                                        prev->quant == Q_ONE && prev->str != NULL)) &&
                prev->str + prev->len == item.str) {
                prev->op = OP_STR;
                prev->len++;
                continue;
            }
        }
        *n++ = item;
    }
    prog->ncap = level;

    /* What must every match start with? (lets the callers skip hopeless
     * start positions). Leading captures consume nothing. */
    const Node *f = nodes;
    while (f->op == OP_OPEN || f->op == OP_POS) f++;
    if (f->op == OP_ITEM && (f->quant == Q_ONE || f->quant == Q_PLUS)) {
        if (f->test == T_LIT) { prog->lead = LEAD_CHAR; prog->lead_ch = f->ch; }
        else if (f->test == T_SET) { prog->lead = LEAD_SET; prog->lead_set = f->set; }
    } else if (f->op == OP_STR) {
        prog->lead = LEAD_CHAR;
        prog->lead_ch = (uchar)f->str[0];
    } else if (f->op == OP_BALANCE) {
        prog->lead = LEAD_CHAR;
        prog->lead_ch = f->ch;
    } else if (f->op == OP_FRONTIER && !BIT_IN(f->set, 0)) {
        /* %f[set] passes only where the next character is in the set and
         * the previous one is not; a set without '\0' cannot pass at the
         * end of the subject. */
        prog->lead = LEAD_FRONTIER;
        prog->lead_set = f->set;
    }
}

/* ---- matcher state and step budget ------------------------------------ */

typedef struct Capture {
    const char *init;
    ptrdiff_t len;      /* length, CAP_OPEN or CAP_POSITION */
} Capture;

typedef struct Matcher {
    lua_State *L;
    const char *src_init;
    const char *src_end;
    int depth;           /* matcher frames still allowed */
    long long left;      /* steps left in the current grant */
    long long granted;   /* size of the current grant */
    long long taken;     /* steps used before the current grant */
    long long limit;
    VigieControl *ctl;
    Capture cap[PAT_MAX_CAPTURES];
} Matcher;

static void matcher_init(Matcher *m, lua_State *L, const char *s, size_t ls) {
    VigieControl *c = vigie_control(L);
    long long base = DEFAULT_BASE_STEPS, per = DEFAULT_STEPS_PER_BYTE, limit;
    if (c != NULL) {
        if (c->pattern_base_steps > 0) base = c->pattern_base_steps;
        if (c->pattern_steps_per_byte > 0) per = c->pattern_steps_per_byte;
    }
    if (ls > 0 && (unsigned long long)per > (unsigned long long)(LLONG_MAX - base) / ls)
        limit = LLONG_MAX;
    else
        limit = base + per * (long long)ls;
    m->L = L;
    m->src_init = s;
    m->src_end = s + ls;
    m->depth = PAT_MAX_DEPTH;
    m->ctl = c;
    m->limit = limit;
    m->taken = 0;
    m->granted = m->left = limit < CHECK_INTERVAL ? limit : CHECK_INTERVAL;
}

/* Called when the current grant is exhausted: enforces the step limit and
 * polls the host's limits. */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static void budget_refill(Matcher *m) {
    long long used = m->taken + (m->granted - m->left);
    if (used > m->limit) {
        if (m->ctl != NULL) vigie_note_limit(m->ctl, VIGIE_LIMIT_PATTERN_STEPS);
        luaL_error(m->L, "pattern too complex: step limit of %I steps exceeded",
                   (lua_Integer)m->limit);
    }
    if (m->ctl != NULL && vigie_limits_check(m->L) != 0)
        vigie_raise_kill(m->L);
    m->taken = used;
    long long g = m->limit - used;
    if (g > CHECK_INTERVAL) g = CHECK_INTERVAL;
    m->granted = m->left = g;
}

#define STEPS(m, k) do { if (((m)->left -= (long long)(k)) < 0) budget_refill(m); } while (0)

#if defined(__GNUC__)
__attribute__((noinline, cold, noreturn))
#endif
static void too_complex(Matcher *m) {
    luaL_error(m->L, "pattern too complex");
    for (;;) {}
}

#if defined(__GNUC__)
__attribute__((noinline, cold, noreturn))
#endif
static void raise_node_error(Matcher *m, const Node *n) {
    lua_State *L = m->L;
    switch (n->ch) {
    case E_ENDS_PERCENT: luaL_error(L, "malformed pattern (ends with '%%')"); break;
    case E_MISSING_BRACKET: luaL_error(L, "malformed pattern (missing ']')"); break;
    case E_BALANCE_ARGS: luaL_error(L, "malformed pattern (missing arguments to '%%b')"); break;
    case E_FRONTIER_BRACKET: luaL_error(L, "missing '[' after '%%f' in pattern"); break;
    case E_CAPTURE_INDEX: luaL_error(L, "invalid capture index %%%d", (int)n->idx); break;
    case E_PATTERN_CAPTURE: luaL_error(L, "invalid pattern capture"); break;
    default: luaL_error(L, "too many captures"); break;
    }
    for (;;) {}
}

static inline int item_test(const Node *n, uchar c) {
    switch (n->test) {
    case T_LIT: return c == n->ch;
    case T_ANY: return 1;
    default: return BIT_IN(n->set, c);
    }
}

/* True if matching node n at s certainly fails at once, without raising and
 * without touching the captures (given that a matcher frame is available).
 * Lets the matcher avoid hopeless recursive calls. */
static inline int cannot_start(const Matcher *m, const Node *n, const char *s) {
    switch (n->op) {
    case OP_ITEM:
        if (n->quant != Q_ONE && n->quant != Q_PLUS) return 0;
        return s >= m->src_end || !item_test(n, (uchar)*s);
    case OP_STR:
        return s >= m->src_end || *s != n->str[0];
    case OP_BALANCE:
        return s >= m->src_end || (uchar)*s != n->ch;
    case OP_EOS:
        return s != m->src_end;
    default:
        return 0;
    }
}

static const char *do_match(Matcher *m, const char *s, const Node *n);

/* Greedy repetition of item n ('*', or '+' whose first character has been
 * matched already): longest run first, then backtrack. */
static const char *max_expand(Matcher *m, const char *s, const Node *n) {
    const char *end = m->src_end, *p = s;
    switch (n->test) {
    case T_ANY:
        p = end;
        STEPS(m, 1);
        break;
    case T_LIT: {
        char c = (char)n->ch;
        while (p < end && *p == c) p++;
        STEPS(m, 1 + (p - s));
        break;
    }
    default: {
        const uchar *set = n->set;
        while (p < end && BIT_IN(set, *p)) p++;
        STEPS(m, 1 + (p - s));
        break;
    }
    }
    const Node *next = n + 1;
    if (next->op == OP_END && m->depth > 0) {
        STEPS(m, 1);
        return p;
    }
    for (;;) {
        if (m->depth > 0 && cannot_start(m, next, p)) {
            STEPS(m, 1);
        } else {
            const char *r = do_match(m, p, next);
            if (r != NULL) return r;
        }
        if (p == s) return NULL;
        p--;
    }
}

/* Lazy repetition ('-'): shortest run first. */
static const char *min_expand(Matcher *m, const char *s, const Node *n) {
    const char *end = m->src_end;
    const Node *next = n + 1;
    for (;;) {
        if (m->depth > 0 && cannot_start(m, next, s)) {
            /* '.-' followed by a literal: jump to the next candidate */
            if (n->test == T_ANY && next->op != OP_EOS && s < end) {
                uchar c = next->op == OP_ITEM ? next->ch : next->op == OP_STR ? (uchar)next->str[0] : next->ch;
                if (next->op == OP_ITEM && next->test != T_LIT) {
                    STEPS(m, 1);
                } else {
                    const char *f = memchr(s, c, (size_t)(end - s));
                    const char *to = f != NULL ? f : end;
                    STEPS(m, 1 + ((to - s) >> 3));
                    s = to;
                    continue;
                }
            } else {
                STEPS(m, 1);
            }
        } else {
            const char *r = do_match(m, s, next);
            if (r != NULL) return r;
        }
        STEPS(m, 1);
        if (s < end && item_test(n, (uchar)*s)) s++;
        else return NULL;
    }
}

/* Matches nodes from n against the subject from s. Returns the end of the
 * match, or NULL. Each call is one matcher frame; entering a capture ('(',
 * '()' or ')') takes one more frame until this call returns, as the
 * recursion of stock Lua does. */
static const char *do_match(Matcher *m, const char *s, const Node *n) {
    int frames = 1;
    if (m->depth <= 0) too_complex(m);
    m->depth--;
    STEPS(m, 1);
    for (;;) {
        switch (n->op) {
        case OP_END:
            goto done;
        case OP_EOS:
            if (s != m->src_end) s = NULL;
            goto done;
        case OP_STR: {
            size_t len = n->len;
            STEPS(m, 1 + (len >> 3));
            if ((size_t)(m->src_end - s) < len || memcmp(s, n->str, len) != 0) { s = NULL; goto done; }
            s += len;
            n++;
            continue;
        }
        case OP_ITEM:
            STEPS(m, 1);
            if (s >= m->src_end || !item_test(n, (uchar)*s)) {
                /* no first character: '*', '?' and '-' accept the empty
                 * repetition and go on in this frame */
                if (n->quant == Q_ONE || n->quant == Q_PLUS) { s = NULL; goto done; }
                n++;
                continue;
            }
            switch (n->quant) {
            case Q_ONE:
                s++;
                n++;
                continue;
            case Q_OPT:
                if (m->depth > 0 && cannot_start(m, n + 1, s + 1)) {
                    STEPS(m, 1);
                } else {
                    const char *r = do_match(m, s + 1, n + 1);
                    if (r != NULL) { s = r; goto done; }
                }
                n++;
                continue;
            case Q_PLUS:
                s = max_expand(m, s + 1, n);
                goto done;
            case Q_STAR:
                s = max_expand(m, s, n);
                goto done;
            default:
                s = min_expand(m, s, n);
                goto done;
            }
        case OP_OPEN:
        case OP_POS:
            if (m->depth <= 0) too_complex(m);
            m->depth--;
            frames++;
            STEPS(m, 1);
            m->cap[n->idx].init = s;
            m->cap[n->idx].len = n->op == OP_OPEN ? CAP_OPEN : CAP_POSITION;
            n++;
            continue;
        case OP_CLOSE:
            if (m->depth <= 0) too_complex(m);
            m->depth--;
            frames++;
            STEPS(m, 1);
            m->cap[n->idx].len = s - m->cap[n->idx].init;
            n++;
            continue;
        case OP_BACKREF: {
            ptrdiff_t len = m->cap[n->idx].len;
            STEPS(m, 1 + (len > 0 ? len >> 3 : 0));
            /* a position capture never matches as a back-reference */
            if (len < 0 || m->src_end - s < len || memcmp(s, m->cap[n->idx].init, (size_t)len) != 0) {
                s = NULL;
                goto done;
            }
            s += len;
            n++;
            continue;
        }
        case OP_BALANCE: {
            STEPS(m, 1);
            if (s >= m->src_end || (uchar)*s != n->ch) { s = NULL; goto done; }
            const char *q = s;
            ptrdiff_t open = 1;
            while (++q < m->src_end) {
                uchar c = (uchar)*q;
                if (c == n->ch2) {
                    if (--open == 0) break;
                } else if (c == n->ch) {
                    open++;
                }
            }
            STEPS(m, q - s);
            if (q >= m->src_end) { s = NULL; goto done; }
            s = q + 1;
            n++;
            continue;
        }
        case OP_FRONTIER: {
            STEPS(m, 1);
            uchar prev = s == m->src_init ? 0 : (uchar)s[-1];
            uchar cur = s < m->src_end ? (uchar)*s : 0;
            if (!BIT_IN(n->set, prev) && BIT_IN(n->set, cur)) { n++; continue; }
            s = NULL;
            goto done;
        }
        default:
            raise_node_error(m, n);
        }
    }
done:
    m->depth += frames;
    return s;
}

/* First position at or after s where a match can start, or NULL if none
 * (the program needs a character that does not occur any more). */
static const char *skip_to_lead(Matcher *m, const Program *prog, const char *s) {
    const char *end = m->src_end, *r;
    if (s >= end) return NULL;
    if (prog->lead == LEAD_CHAR) {
        r = memchr(s, prog->lead_ch, (size_t)(end - s));
    } else if (prog->lead == LEAD_SET) {
        const uchar *set = prog->lead_set;
        r = s;
        while (r < end && !BIT_IN(set, *r)) r++;
        if (r == end) r = NULL;
    } else {
        /* where the frontier passes (the subject's start has '\0' before it) */
        const uchar *set = prog->lead_set;
        r = s;
        int before = BIT_IN(set, r == m->src_init ? 0 : (uchar)r[-1]);
        while (r < end) {
            int here = BIT_IN(set, *r);
            if (here && !before) break;
            before = here;
            r++;
        }
        if (r == end) r = NULL;
    }
    STEPS(m, 1 + (((r != NULL ? r : end) - s) >> 5));
    return r;
}

/* ---- results ------------------------------------------------------------ */

/* Gets capture i of the last match [s, e). Returns its length and sets *cap,
 * or returns CAP_POSITION (its value is then pushed). */
static ptrdiff_t get_capture(Matcher *m, int ncap, int i, const char *s, const char *e,
                             const char **cap) {
    if (i >= ncap) {
        if (i != 0) luaL_error(m->L, "invalid capture index %%%d", i + 1);
        *cap = s;
        return e - s;
    }
    ptrdiff_t len = m->cap[i].len;
    *cap = m->cap[i].init;
    if (len == CAP_OPEN) luaL_error(m->L, "unfinished capture");
    if (len == CAP_POSITION) lua_pushinteger(m->L, (lua_Integer)(m->cap[i].init - m->src_init) + 1);
    return len;
}

static void push_capture(Matcher *m, int ncap, int i, const char *s, const char *e) {
    const char *cap;
    ptrdiff_t len = get_capture(m, ncap, i, s, e, &cap);
    if (len != CAP_POSITION) lua_pushlstring(m->L, cap, (size_t)len);
}

/* Pushes the captures (or the whole match when there are none and `whole`
 * is set). Returns how many values were pushed. */
static int push_captures(Matcher *m, int ncap, const char *s, const char *e, int whole) {
    int count = (ncap == 0 && whole) ? 1 : ncap;
    luaL_checkstack(m->L, count, "too many captures");
    for (int i = 0; i < count; i++) push_capture(m, ncap, i, s, e);
    return count;
}

/* ---- program storage ------------------------------------------------------ */

typedef struct Storage {
    Node nodes[STACK_NODES];
    uchar sets[STACK_SETS][32];
} Storage;

/* Compiles p into `local` when it fits, else into a new userdata (pushed). */
static void compile_auto(lua_State *L, Program *prog, const char *p, size_t lp, Storage *local) {
    size_t nn = count_nodes(lp), ns = count_sets(p, lp);
    Node *nodes = local->nodes;
    uchar (*sets)[32] = local->sets;
    if (nn > STACK_NODES || ns > STACK_SETS) {
        char *block = lua_newuserdatauv(L, ns * 32 + nn * sizeof(Node), 0);
        sets = (uchar (*)[32])block;
        nodes = (Node *)(block + ns * 32);
    }
    compile(prog, p, lp, nodes, sets);
}

/* Same start position rule as stock Lua: negative counts from the end, 0 and
 * positions before the start mean 1. */
static size_t start_position(lua_Integer pos, size_t len) {
    if (pos > 0) return (size_t)pos;
    if (pos == 0) return 1;
    if (pos < -(lua_Integer)len) return 1;
    return len + (size_t)pos + 1;
}

static int has_specials(const char *p, size_t lp) {
    for (size_t i = 0; i < lp; i++) {
        switch (p[i]) {
        case '^': case '$': case '*': case '+': case '?':
        case '.': case '(': case '[': case '%': case '-':
            return 1;
        default: break;
        }
    }
    return 0;
}

/* ---- find / match ----------------------------------------------------------- */

static int plain_find(lua_State *L, const char *s, size_t ls, size_t init, const char *p, size_t lp) {
    Matcher m;
    const char *hay = s + init, *end = s + ls, *found = NULL;
    if (lp == 0) {
        found = hay;
    } else if (lp <= (size_t)(end - hay)) {
        const char *last = end - lp;   /* last possible start */
        uchar first = (uchar)p[0];
        matcher_init(&m, L, s, ls);
        while (hay <= last) {
            const char *c = memchr(hay, first, (size_t)(last - hay) + 1);
            if (c == NULL) break;
            STEPS(&m, 1 + ((c - hay) >> 5) + (lp >> 3));
            if (c[lp - 1] == p[lp - 1] && memcmp(c + 1, p + 1, lp - 1) == 0) { found = c; break; }
            hay = c + 1;
        }
    }
    if (found == NULL) {
        luaL_pushfail(L);
        return 1;
    }
    lua_pushinteger(L, (lua_Integer)(found - s) + 1);
    lua_pushinteger(L, (lua_Integer)(found - s) + (lua_Integer)lp);
    return 2;
}

static int find_or_match(lua_State *L, int find) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls) {
        luaL_pushfail(L);
        return 1;
    }
    if (find && (lua_toboolean(L, 4) || !has_specials(p, lp)))
        return plain_find(L, s, ls, init, p, lp);

    int anchor = lp > 0 && p[0] == '^';
    if (anchor) { p++; lp--; }
    Storage local;
    Program prog;
    Matcher m;
    compile_auto(L, &prog, p, lp, &local);
    matcher_init(&m, L, s, ls);
    const char *s1 = s + init;
    for (;;) {
        if (!anchor && prog.lead != LEAD_NONE) {
            s1 = skip_to_lead(&m, &prog, s1);
            if (s1 == NULL) break;
        }
        const char *e = do_match(&m, s1, prog.nodes);
        if (e != NULL) {
            if (find) {
                lua_pushinteger(L, (lua_Integer)(s1 - s) + 1);
                lua_pushinteger(L, (lua_Integer)(e - s));
                return 2 + push_captures(&m, prog.ncap, NULL, NULL, 0);
            }
            return push_captures(&m, prog.ncap, s1, e, 1);
        }
        if (anchor || s1 >= m.src_end) break;
        s1++;
    }
    luaL_pushfail(L);
    return 1;
}

static int safe_find(lua_State *L) { return find_or_match(L, 1); }
static int safe_match(lua_State *L) { return find_or_match(L, 0); }

/* ---- gmatch ---------------------------------------------------------------- */

typedef struct GmatchState {
    size_t pos;          /* where the next search starts (may be len + 1) */
    size_t lastmatch;    /* end of the last match, or SIZE_MAX */
    Program prog;
    /* followed by the sets, then the nodes */
} GmatchState;

static int gmatch_next(lua_State *L) {
    size_t ls;
    const char *s = lua_tolstring(L, lua_upvalueindex(1), &ls);
    GmatchState *g = lua_touserdata(L, lua_upvalueindex(3));
    Matcher m;
    matcher_init(&m, L, s, ls);
    if (g->pos > ls) return 0;
    const char *src = s + g->pos;
    const char *last = g->lastmatch == SIZE_MAX ? NULL : s + g->lastmatch;
    for (;;) {
        if (g->prog.lead != LEAD_NONE) {
            src = skip_to_lead(&m, &g->prog, src);
            if (src == NULL) return 0;
        }
        const char *e = do_match(&m, src, g->prog.nodes);
        if (e != NULL && e != last) {
            g->pos = g->lastmatch = (size_t)(e - s);
            return push_captures(&m, g->prog.ncap, src, e, 1);
        }
        if (src >= m.src_end) return 0;
        src++;
    }
}

static int safe_gmatch(lua_State *L) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
    (void)s;
    if (init > ls) init = ls + 1;   /* no match at all */
    lua_settop(L, 2);               /* the closure keeps both strings alive */
    size_t nn = count_nodes(lp), ns = count_sets(p, lp);
    size_t head = (sizeof(GmatchState) + 15) & ~(size_t)15;
    char *block = lua_newuserdatauv(L, head + ns * 32 + nn * sizeof(Node), 0);
    GmatchState *g = (GmatchState *)block;
    g->pos = init;
    g->lastmatch = SIZE_MAX;
    compile(&g->prog, p, lp, (Node *)(block + head + ns * 32), (uchar (*)[32])(block + head));
    lua_pushcclosure(L, gmatch_next, 3);
    return 1;
}

/* ---- gsub -------------------------------------------------------------------- */

/* Appends the replacement string (argument 3) for the match [s, e). */
static void add_replacement_string(Matcher *m, luaL_Buffer *b, int ncap, const char *s, const char *e) {
    lua_State *L = m->L;
    size_t lr;
    const char *r = lua_tolstring(L, 3, &lr);
    const char *rend = r + lr;
    while (r < rend) {
        const char *pc = memchr(r, '%', (size_t)(rend - r));
        if (pc == NULL) {
            luaL_addlstring(b, r, (size_t)(rend - r));
            return;
        }
        luaL_addlstring(b, r, (size_t)(pc - r));
        uchar d = (uchar)pc[1];   /* the string's final '\0' if pc is last */
        if (d == '%') {
            luaL_addchar(b, '%');
        } else if (d == '0') {
            luaL_addlstring(b, s, (size_t)(e - s));
        } else if (d >= '1' && d <= '9') {
            const char *cap;
            ptrdiff_t len = get_capture(m, ncap, d - '1', s, e, &cap);
            if (len == CAP_POSITION) luaL_addvalue(b);
            else luaL_addlstring(b, cap, (size_t)len);
        } else {
            luaL_error(L, "invalid use of '%c' in replacement string", '%');
        }
        r = pc + 2;
    }
}

/* Appends the replacement of the match [s, e). Returns 1 if the match was
 * replaced, 0 if it was kept (false or nil from a table or function). */
static int add_replacement(Matcher *m, luaL_Buffer *b, int tr, int ncap, const char *s, const char *e) {
    lua_State *L = m->L;
    if (tr == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = push_captures(m, ncap, s, e, 1);
        lua_call(L, n, 1);
    } else if (tr == LUA_TTABLE) {
        push_capture(m, ncap, 0, s, e);
        lua_gettable(L, 3);
    } else {
        add_replacement_string(m, b, ncap, s, e);
        return 1;
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1))
        return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(b);
    return 1;
}

/* gsub of a pattern that is one single-character item, once or repeated
 * ("%a", "[%s,]+"), by a replacement string without '%': each match is
 * one character or the longest run of them, replaced without the matcher
 * (the counting idiom `select(2, s:gsub("%u", ""))` on every post).
 * Same results as the general loop: such matches are never empty. */
static int gsub_single_item(lua_State *L, Matcher *m, luaL_Buffer *b, const Node *it, const char *s, size_t ls,
                            lua_Integer max_n, const char *r, size_t lr) {
    uchar own[32];
    const uchar *set = it->set;
    if (it->test != T_SET) {
        for (int c = 0; c < 256; c++) {
            if (item_test(it, (uchar)c)) own[c >> 3] |= (uchar)(1u << (c & 7));
            else own[c >> 3] &= (uchar)~(1u << (c & 7));
        }
        set = own;
    }
    const uchar *src = (const uchar *)s, *end = src + ls;
    int plus = it->quant == Q_PLUS;
    lua_Integer n = 0;
    if (lr == 0) {
        /* Nothing replaces the matches: the kept bytes are copied into the
         * buffer's room at once (the result is at most the subject); the
         * steps are counted, and the host's limits polled, by slices. */
        char *dst = luaL_prepbuffsize(b, ls);
        size_t k = 0;
        while (src < end && n < max_n) {
            const uchar *stop = end - src > 65536 ? src + 65536 : end;
            STEPS(m, 1 + ((stop - src) >> 5));
            while (src < stop && n < max_n) {
                uchar c = *src++;
                if (!BIT_IN(set, c)) { dst[k++] = (char)c; continue; }
                n++;
                if (plus) while (src < end && BIT_IN(set, *src)) src++;
            }
        }
        if (n == 0) {
            lua_pushvalue(L, 1);
        } else {
            memcpy(dst + k, src, (size_t)(end - src));
            luaL_addsize(b, k + (size_t)(end - src));
            luaL_pushresult(b);
        }
        lua_pushinteger(L, n);
        return 2;
    }
    while (n < max_n) {
        const uchar *c = src;
        while (c < end && !BIT_IN(set, *c)) c++;
        if (c == end) break;
        const uchar *e = c + 1;
        if (plus) while (e < end && BIT_IN(set, *e)) e++;
        STEPS(m, 1 + ((e - src) >> 5));
        if (c > src) luaL_addlstring(b, (const char *)src, (size_t)(c - src));
        luaL_addlstring(b, r, lr);
        n++;
        src = e;
    }
    if (n == 0) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(b, (const char *)src, (size_t)(end - src));
        luaL_pushresult(b);
    }
    lua_pushinteger(L, n);
    return 2;
}

static int safe_gsub(lua_State *L) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    int tr = lua_type(L, 3);
    lua_Integer max_n = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
    luaL_argexpected(L, tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION || tr == LUA_TTABLE,
                     3, "string/function/table");
    int anchor = lp > 0 && p[0] == '^';
    if (anchor) { p++; lp--; }
    Storage local;
    Program prog;
    Matcher m;
    luaL_Buffer b;
    compile_auto(L, &prog, p, lp, &local);   /* may push a userdata: before the buffer */
    matcher_init(&m, L, s, ls);
    luaL_buffinit(L, &b);

    const Node *first = prog.nodes;
    if (!anchor && tr == LUA_TSTRING && prog.ncap == 0 && first->op == OP_ITEM &&
        (first->quant == Q_ONE || first->quant == Q_PLUS) && first[1].op == OP_END) {
        size_t lr;
        const char *r = lua_tolstring(L, 3, &lr);
        if (memchr(r, '%', lr) == NULL) return gsub_single_item(L, &m, &b, first, s, ls, max_n, r, lr);
    }

    const char *src = s, *end = s + ls, *last = NULL;
    lua_Integer n = 0;
    int changed = 0;
    while (n < max_n) {
        if (!anchor && prog.lead != LEAD_NONE) {
            const char *c = skip_to_lead(&m, &prog, src);
            if (c == NULL) break;
            if (c > src) {
                luaL_addlstring(&b, src, (size_t)(c - src));
                src = c;
            }
        }
        const char *e = do_match(&m, src, prog.nodes);
        if (e != NULL && e != last) {
            n++;
            changed |= add_replacement(&m, &b, tr, prog.ncap, src, e);
            src = last = e;
        } else if (src < end) {
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (anchor) break;
    }
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(&b, src, (size_t)(end - src));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

/* ---- installation ------------------------------------------------------------ */

void vigie_open_safe_patterns(lua_State *L) {
    pthread_once(&class_once, init_classes);
    lua_pushcfunction(L, safe_find);
    lua_setfield(L, -2, "find");
    lua_pushcfunction(L, safe_match);
    lua_setfield(L, -2, "match");
    lua_pushcfunction(L, safe_gmatch);
    lua_setfield(L, -2, "gmatch");
    lua_pushcfunction(L, safe_gsub);
    lua_setfield(L, -2, "gsub");
}
