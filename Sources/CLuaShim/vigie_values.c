/*
 * Values handed over by Swift (an encoded buffer decoded here, under
 * protection), read-only views of host data, and the trampoline that lets
 * Lua call Swift.
 */
#include "vigie_shim.h"
#include "vigie_internal.h"

#include <stdio.h>
#include <string.h>

static char view_mt_key;
/* Keys scripts cannot make, in the backing table of a lazy view: its
 * encoded fields (the view's userdata), and whether every field is decoded;
 * in the metatable of such backing tables: the schema's field names. */
static char lazy_data_key, lazy_complete_key, lazy_names_key;
/* A lazy view's userdata: its schema's number (4 bytes, padded to 8),
 * then its encoded fields. */
enum { LAZY_HEADER = 8 };
/* registry: the metatables of lazy views' backing tables, by schema */
static char schemas_key;

static void lazy_complete(lua_State *L, int t);
static int push_view_backing(lua_State *L, int view);

/* ---- read-only views ---------------------------------------------------- */

static int view_index(lua_State *L) {
    if (lua_type(L, 1) != LUA_TUSERDATA || lua_getiuservalue(L, 1, 1) != LUA_TTABLE) return 0;
    lua_pushvalue(L, 2);
    lua_gettable(L, -2); /* a lazy view's backing table decodes on a miss */
    return 1;
}

static int view_newindex(lua_State *L) {
    return luaL_error(L, "attempt to modify read-only host data");
}

static int view_len(lua_State *L) {
    if (lua_type(L, 1) != LUA_TUSERDATA || !push_view_backing(L, 1)) return 0;
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
    return 1;
}

/* The keys scripts cannot make (a lazy view's own) are skipped. */
static int view_next(lua_State *L) {
    lua_settop(L, 2);
    /* a script may call the iterator pairs gave with anything */
    if (lua_type(L, 1) != LUA_TUSERDATA || !push_view_backing(L, 1))
        return luaL_error(L, "bad argument #1 to 'next' (read-only table expected)");
    lua_pushvalue(L, 2);
    while (lua_next(L, 3) != 0) {
        if (lua_type(L, -2) != LUA_TLIGHTUSERDATA) return 2;
        lua_pop(L, 1);
    }
    lua_pushnil(L);
    return 1;
}

static int view_pairs(lua_State *L) {
    if (lua_type(L, 1) == LUA_TUSERDATA && push_view_backing(L, 1)) {
        lazy_complete(L, lua_gettop(L));
        lua_pop(L, 1);
    }
    lua_pushcfunction(L, view_next);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

/* Sets the entries every view's metatable has but `__index` in the table
 * on top of the stack: the shared metatable and a view's own copy
 * (give_own_metatable) are both filled here. */
static void set_view_metamethods(lua_State *L) {
    lua_pushliteral(L, "__newindex");
    lua_pushcfunction(L, view_newindex);
    lua_rawset(L, -3);
    lua_pushliteral(L, "__len");
    lua_pushcfunction(L, view_len);
    lua_rawset(L, -3);
    lua_pushliteral(L, "__pairs");
    lua_pushcfunction(L, view_pairs);
    lua_rawset(L, -3);
    lua_pushliteral(L, "__metatable");
    lua_pushliteral(L, "read-only");
    lua_rawset(L, -3);
    lua_pushliteral(L, "__name");
    lua_pushliteral(L, "read-only table");
    lua_rawset(L, -3);
    /* The mark every view's metatable carries (copies included): a key
     * scripts cannot make. */
    lua_pushboolean(L, 1);
    lua_rawsetp(L, -2, &view_mt_key);
}

/* Pushes the metatable kept in the registry under `key`, made on first use
 * with `index` as its __index and the views' other metamethods. */
static void push_shared_view_metatable(lua_State *L, const void *key, lua_CFunction index) {
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, key) == LUA_TTABLE) return;
    lua_pop(L, 1);
    lua_createtable(L, 0, 7);
    lua_pushliteral(L, "__index");
    lua_pushcfunction(L, index);
    lua_rawset(L, -3);
    set_view_metamethods(L);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, key);
}

void vigie_internal_push_view_metatable(lua_State *L) {
    push_shared_view_metatable(L, &view_mt_key, view_index);
}

static int complete_p(lua_State *L) {
    lazy_complete(L, 2);
    return 0;
}

/* (ud, view): the backing table of a lazy view no script read yet, made
 * and filled */
static int fill_backing_p(lua_State *L) {
    if (!push_view_backing(L, 2)) return 0;
    lazy_complete(L, 3);
    return 1;
}

int vigie_view_backing(lua_State *L, int idx) {
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) != LUA_TUSERDATA) return 0;
    if (!lua_checkstack(L, 8)) return 0;
    if (!lua_getmetatable(L, idx)) return 0;
    int view = lua_rawgetp(L, -1, &view_mt_key) == LUA_TBOOLEAN;
    lua_pop(L, 2);
    if (!view) return 0;
    if (lua_getiuservalue(L, idx, 1) != LUA_TTABLE) {
        /* a lazy view no script read: its backing table is made (it
         * allocates: protected) */
        lua_pop(L, 1);
        lua_pushvalue(L, idx);
        if (vigie_internal_run_protected(L, fill_backing_p, NULL, 1, 1) != LUA_OK) {
            lua_pop(L, 1); /* the message */
            return 0;
        }
        if (lua_type(L, -1) != LUA_TTABLE) {
            lua_pop(L, 1);
            return 0;
        }
        return 1;
    }
    /* a lazy view: every field decoded first */
    int lazy = lua_rawgetp(L, -1, &lazy_data_key) == LUA_TUSERDATA;
    int complete = lua_rawgetp(L, -2, &lazy_complete_key) != LUA_TNIL;
    lua_pop(L, 2);
    if (lazy && !complete) {
        lua_pushvalue(L, -1);
        if (vigie_internal_run_protected(L, complete_p, NULL, 1, 0) != LUA_OK) {
            lua_pop(L, 2); /* the message, the backing table */
            return 0;
        }
    }
    return 1;
}

/* ---- decoding ------------------------------------------------------------ */

/* Short strings the decoder made recently, by a hash of their bytes: the
 * same keys ("text", "author"…) and values ("post", "linkedin"…) come
 * with every activity, and pushing one from here is an array read where
 * lua_pushlstring would hash it and search Lua's string table. */
enum { STRING_CACHE_SLOTS = 256, STRING_CACHE_MAX = 24 };

typedef struct {
    uint32_t len; /* UINT32_MAX: empty */
    char bytes[STRING_CACHE_MAX];
} StringSlot;

typedef struct {
    StringSlot slot[STRING_CACHE_SLOTS];
} StringCache;

static char string_cache_key;

typedef struct {
    const uint8_t *p;
    const uint8_t *end;
    StringCache *cache; /* NULL: no cache */
    int strings;        /* with a cache: the stack index of its strings */
} Reader;

/* Pushes the state's string cache and the table of its strings (made on
 * first use) and points `r` at them. */
static void use_string_cache(lua_State *L, Reader *r) {
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &string_cache_key) != LUA_TUSERDATA) {
        lua_pop(L, 1);
        StringCache *c = (StringCache *)lua_newuserdatauv(L, sizeof(StringCache), 1);
        for (int i = 0; i < STRING_CACHE_SLOTS; i++) c->slot[i].len = UINT32_MAX;
        lua_createtable(L, STRING_CACHE_SLOTS, 0);
        lua_setiuservalue(L, -2, 1);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &string_cache_key);
    }
    r->cache = (StringCache *)lua_touserdata(L, -1);
    lua_getiuservalue(L, -1, 1);
    r->strings = lua_gettop(L);
}

static void push_string(lua_State *L, Reader *r, const char *s, uint32_t len) {
    if (r->cache == NULL || len > STRING_CACHE_MAX) {
        lua_pushlstring(L, s, len);
        return;
    }
    uint32_t h = len;
    for (uint32_t i = 0; i < len; i++) h = h * 31u + (uint8_t)s[i];
    h ^= h >> 8;
    int slot = (int)(h % STRING_CACHE_SLOTS);
    StringSlot *c = &r->cache->slot[slot];
    if (c->len == len && memcmp(c->bytes, s, len) == 0) {
        lua_rawgeti(L, r->strings, slot + 1);
        return;
    }
    lua_pushlstring(L, s, len);
    lua_pushvalue(L, -1);
    lua_rawseti(L, r->strings, slot + 1);
    memcpy(c->bytes, s, len);
    c->len = len;
}

static int bad_buffer(lua_State *L) {
    return luaL_error(L, "vigie: malformed value buffer (a bug in the host)");
}

static uint32_t read_u32(lua_State *L, Reader *r) {
    if (r->end - r->p < 4) bad_buffer(L);
    uint32_t v;
    memcpy(&v, r->p, 4);
    r->p += 4;
    return v;
}

static void decode_value(lua_State *L, Reader *r, int depth);
static void push_lazy_view(lua_State *L, int schema, const uint8_t *payload, size_t len);

/* Starts a read-only view: the userdata (with its metatable) is pushed
 * first, its backing table is filled above it, then attached. */
static void begin_view(lua_State *L) {
    lua_newuserdatauv(L, 0, 1);
    vigie_internal_push_view_metatable(L);
    lua_setmetatable(L, -2);
}

static char empty_view_key;

static void push_empty_view(lua_State *L) {
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &empty_view_key) == LUA_TUSERDATA) return;
    lua_pop(L, 1);
    begin_view(L);
    lua_createtable(L, 0, 0);
    lua_setiuservalue(L, -2, 1);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &empty_view_key);
}

static void decode_value(lua_State *L, Reader *r, int depth) {
    if (r->p >= r->end) bad_buffer(L);
    uint8_t tag = *r->p++;
    switch (tag) {
    case 'n': lua_pushnil(L); break;
    case 'f': lua_pushboolean(L, 0); break;
    case 't': lua_pushboolean(L, 1); break;
    case 'i': {
        if (r->end - r->p < 8) bad_buffer(L);
        int64_t v;
        memcpy(&v, r->p, 8);
        r->p += 8;
        lua_pushinteger(L, (lua_Integer)v);
        break;
    }
    case 'd': {
        if (r->end - r->p < 8) bad_buffer(L);
        double v;
        memcpy(&v, r->p, 8);
        r->p += 8;
        lua_pushnumber(L, (lua_Number)v);
        break;
    }
    case 's': {
        uint32_t len = read_u32(L, r);
        if ((size_t)(r->end - r->p) < len) bad_buffer(L);
        push_string(L, r, (const char *)r->p, len);
        r->p += len;
        break;
    }
    case 'L': {
        if (r->end - r->p < 6) bad_buffer(L);
        uint16_t schema;
        memcpy(&schema, r->p, 2);
        r->p += 2;
        uint32_t len = read_u32(L, r);
        if ((size_t)(r->end - r->p) < len) bad_buffer(L);
        push_lazy_view(L, schema, r->p, len);
        r->p += len;
        break;
    }
    case 'a':
    case 'A':
    case 'm':
    case 'M': {
        if (depth >= VIGIE_MAX_DECODE_DEPTH) {
            luaL_error(L, "value nested too deeply (limit %d)", VIGIE_MAX_DECODE_DEPTH);
            return;
        }
        /* room for a view, its table, and a key/value pair being decoded */
        luaL_checkstack(L, 6, "value nested too deeply");
        int view = (tag == 'A' || tag == 'M');
        uint32_t n = read_u32(L, r);
        if (view && n == 0) {
            /* Empty views cannot be told apart: one per state serves them
             * all (an activity has several empty lists). */
            push_empty_view(L);
            break;
        }
        if (view) begin_view(L);
        int hint = (int)(n < (1u << 24) ? n : 0);
        if (tag == 'a' || tag == 'A') {
            lua_createtable(L, hint, 0);
            for (uint32_t i = 1; i <= n; i++) {
                decode_value(L, r, depth + 1);
                lua_rawseti(L, -2, (lua_Integer)i);
            }
        } else {
            lua_createtable(L, 0, hint);
            for (uint32_t i = 0; i < n; i++) {
                decode_value(L, r, depth + 1);
                decode_value(L, r, depth + 1);
                if (lua_type(L, -2) == LUA_TNIL) {
                    lua_pop(L, 2); /* a nil key cannot be stored */
                } else {
                    lua_rawset(L, -3);
                }
            }
        }
        if (view) lua_setiuservalue(L, -2, 1);
        break;
    }
    default:
        bad_buffer(L);
    }
}

/* ---- lazy views ----------------------------------------------------------- */

/* Pushes field i (1-based) of the lazy view whose backing table is at t
 * and returns 1, or returns 0 (pushing nothing) when the view has no such
 * field. */
static int push_lazy_field(lua_State *L, int t, lua_Integer i) {
    lua_rawgetp(L, t, &lazy_data_key);
    const uint8_t *p = (const uint8_t *)lua_touserdata(L, -1);
    size_t len = lua_rawlen(L, -1);
    lua_pop(L, 1); /* the backing table keeps the userdata alive */
    if (p == NULL || len < LAZY_HEADER + 4) bad_buffer(L);
    p += LAZY_HEADER; /* the view's schema, then its encoded fields */
    len -= LAZY_HEADER;
    uint32_t n;
    memcpy(&n, p, 4);
    if (i < 1 || (uint64_t)i > n || len < 4 + 4 * (size_t)n) return 0;
    uint32_t off;
    memcpy(&off, p + 4 * (size_t)i, 4);
    if (off == 0) return 0;
    if (off >= len) bad_buffer(L);
    Reader r = {p + off, p + len, NULL, 0};
    luaL_checkstack(L, 8, "value nested too deeply");
    /* A table's keys and short values come with every post ("handle",
     * "platform"…): the string cache is worth fetching for it, not for
     * a scalar. */
    uint8_t tag = p[off];
    if (tag == 'M' || tag == 'A' || tag == 'm' || tag == 'a') {
        int base = lua_gettop(L);
        use_string_cache(L, &r);
        decode_value(L, &r, 1);
        lua_rotate(L, base + 1, -2); /* the cache and its strings, off the stack */
        lua_pop(L, 2);
        return 1;
    }
    decode_value(L, &r, 1);
    return 1;
}

/* __index of a lazy view's backing table (t, key): decodes the field the
 * first time a script reads it and keeps it in the table, where the VM
 * finds it from then on. Upvalue 1: the schema's index, name -> number. */
static int lazy_index(lua_State *L) {
    if (lua_type(L, 2) != LUA_TSTRING) return 0;
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNUMBER) return 0;
    lua_Integer i = lua_tointeger(L, -1);
    lua_pop(L, 1);
    if (!push_lazy_field(L, 1, i)) return 0;
    lua_pushvalue(L, 2);
    lua_pushvalue(L, -2);
    lua_rawset(L, 1);
    return 1;
}

/* Decodes every field of the lazy view whose backing table is at t (an
 * absolute index) not decoded yet; nothing for other tables. */
static void lazy_complete(lua_State *L, int t) {
    luaL_checkstack(L, 8, "lazy view");
    int lazy = lua_rawgetp(L, t, &lazy_data_key) == LUA_TUSERDATA;
    int complete = lua_rawgetp(L, t, &lazy_complete_key) != LUA_TNIL;
    lua_pop(L, 2);
    if (!lazy || complete) return;
    if (!lua_getmetatable(L, t)) return;
    if (lua_rawgetp(L, -1, &lazy_names_key) != LUA_TTABLE) {
        lua_pop(L, 2);
        return;
    }
    int names = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, names);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, names, i);                   /* name */
        lua_pushvalue(L, -1);
        int known = lua_rawget(L, t) != LUA_TNIL;   /* name, value */
        lua_pop(L, 1);                              /* name */
        if (!known && push_lazy_field(L, t, i)) {
            lua_rawset(L, t);                       /* (empty) */
        } else {
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 2);
    lua_pushboolean(L, 1);
    lua_rawsetp(L, t, &lazy_complete_key);
}

static void give_own_metatable(lua_State *L);

/* registry: the metatable every lazy view starts with */
static char lazy_view_mt_key;

/* Whether the value at `idx` is a lazy view that still has the metatable
 * it started with (no script read it yet). */
static int is_lazy_view(lua_State *L, int idx) {
    if (lua_type(L, idx) != LUA_TUSERDATA || !lua_getmetatable(L, idx)) return 0;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &lazy_view_mt_key);
    int lazy = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return lazy;
}

/* Pushes the backing table of the view at `view` (an absolute index) and
 * returns 1; a lazy view gets it on first use: the table whose metatable
 * (its schema's) decodes a field on a miss, holding the view's encoded
 * fields. Returns 0 (pushing nothing) for any other value. */
static int push_view_backing(lua_State *L, int view) {
    if (lua_getiuservalue(L, view, 1) == LUA_TTABLE) return 1;
    lua_pop(L, 1);
    if (!is_lazy_view(L, view)) return 0;
    luaL_checkstack(L, 4, "lazy view");
    const uint8_t *u = (const uint8_t *)lua_touserdata(L, view);
    if (lua_rawlen(L, view) < LAZY_HEADER) bad_buffer(L);
    uint32_t schema;
    memcpy(&schema, u, 4);
    /* room for its data and the seven fields a rule reads most often
     * without growing (each growth rehashes every entry) */
    lua_createtable(L, 0, 8);                                   /* backing */
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &schemas_key) != LUA_TTABLE ||
        lua_rawgeti(L, -1, (lua_Integer)schema) != LUA_TTABLE)
        bad_buffer(L);
    lua_setmetatable(L, -3);                                    /* backing, schemas */
    lua_pop(L, 1);
    lua_pushvalue(L, view);
    lua_rawsetp(L, -2, &lazy_data_key);
    lua_pushvalue(L, -1);
    lua_setiuservalue(L, view, 1);
    return 1;
}

/* __index of a lazy view until a script first reads one of its fields
 * (view, key): gives the view its own metatable (give_own_metatable: its
 * next reads are the VM's own lookups), then reads the field from the
 * backing table (made now if need be; decoding the field on a miss). A
 * view no script reads (most posts, with rules that look at a few) never
 * costs that metatable nor its backing table. */
static int lazy_view_index(lua_State *L) {
    lua_settop(L, 2);
    if (!is_lazy_view(L, 1) || !push_view_backing(L, 1)) return 0;
    lua_pop(L, 1);
    lua_pushvalue(L, 1);
    give_own_metatable(L);
    lua_pop(L, 1);
    lua_getiuservalue(L, 1, 1);
    lua_pushvalue(L, 2);
    lua_gettable(L, -2); /* a lazy view's backing table decodes on a miss */
    return 1;
}

static void push_lazy_view_metatable(lua_State *L) {
    push_shared_view_metatable(L, &lazy_view_mt_key, lazy_view_index);
}

/* Pushes a lazy view of schema `schema` over a copy of `payload`: the
 * userdata alone (its schema, then the payload), with the shared lazy
 * view metatable; its backing table is made when first needed
 * (push_view_backing), so a post no script reads costs no table. */
static void push_lazy_view(lua_State *L, int schema, const uint8_t *payload, size_t len) {
    luaL_checkstack(L, 4, "lazy view");
    lua_rawgetp(L, LUA_REGISTRYINDEX, &schemas_key);
    if (lua_type(L, -1) != LUA_TTABLE || lua_rawgeti(L, -1, schema) != LUA_TTABLE) bad_buffer(L);
    lua_pop(L, 2);
    uint8_t *u = (uint8_t *)lua_newuserdatauv(L, LAZY_HEADER + len, 1);  /* view */
    uint32_t id = (uint32_t)schema;
    memcpy(u, &id, 4);
    memset(u + 4, 0, LAZY_HEADER - 4);
    if (len > 0) memcpy(u + LAZY_HEADER, payload, len);
    push_lazy_view_metatable(L);                        /* view, shared */
    lua_setmetatable(L, -2);                            /* view */
}

typedef struct {
    const char *const *names;
    const size_t *lens;
    int count;
    int id;
} SchemaArgs;

static int register_schema_p(lua_State *L) {
    SchemaArgs *a = (SchemaArgs *)lua_touserdata(L, 1);
    lua_createtable(L, a->count, 0);
    int names = lua_gettop(L);
    lua_createtable(L, 0, a->count);
    int index = lua_gettop(L);
    for (int i = 0; i < a->count; i++) {
        lua_pushlstring(L, a->names[i], a->lens[i]);
        lua_pushvalue(L, -1);
        lua_rawseti(L, names, i + 1);
        lua_pushinteger(L, i + 1);
        lua_rawset(L, index);
    }
    lua_createtable(L, 0, 2);
    int mt = lua_gettop(L);
    lua_pushvalue(L, index);
    lua_pushcclosure(L, lazy_index, 1);
    lua_setfield(L, mt, "__index");
    lua_pushvalue(L, names);
    lua_rawsetp(L, mt, &lazy_names_key);
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &schemas_key) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &schemas_key);
    }
    a->id = (int)lua_rawlen(L, -1) + 1;
    lua_pushvalue(L, mt);
    lua_rawseti(L, -2, a->id);
    return 0;
}

int vigie_register_schema(lua_State *L, const char *const *names, const size_t *lens, int count, int *id) {
    SchemaArgs a = {names, lens, count, 0};
    int status = vigie_internal_run_protected(L, register_schema_p, &a, 0, 0);
    *id = a.id;
    return status;
}

/* ---- reading results in place --------------------------------------------- */

int vigie_rawgeti_scalar(lua_State *L, int idx, lua_Integer k, lua_Integer *i, double *d, const char **s, size_t *len) {
    if (!lua_checkstack(L, 1)) return VIGIE_RAW_OTHER;
    int result;
    switch (lua_rawgeti(L, idx, k)) {
    case LUA_TNIL: result = VIGIE_RAW_NIL; break;
    case LUA_TBOOLEAN: result = lua_toboolean(L, -1) ? VIGIE_RAW_TRUE : VIGIE_RAW_FALSE; break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, -1)) {
            *i = lua_tointeger(L, -1);
            result = VIGIE_RAW_INTEGER;
        } else {
            *d = lua_tonumber(L, -1);
            result = VIGIE_RAW_NUMBER;
        }
        break;
    case LUA_TSTRING:
        *s = lua_tolstring(L, -1, len);
        result = VIGIE_RAW_STRING;
        break;
    default: result = VIGIE_RAW_OTHER;
    }
    lua_pop(L, 1);
    return result;
}

/* Gives the view on top of the stack a metatable of its own, the shared
 * one's with its backing table as `__index`: reading a field is then a
 * lookup the VM does itself, not a call of view_index. Worth it for the
 * view a rule reads most (the activity handed to each call, once a script
 * reads it: lazy_view_index), not for every nested one. Scripts cannot reach the metatable (`__metatable`), so the
 * backing stays out of their hands. */
static void give_own_metatable(lua_State *L) {
    int view = lua_gettop(L);
    /* The shared metatable's entries, set one by one (copying them with
     * lua_next costs several times as much), and `__index`. */
    lua_createtable(L, 0, 7);
    lua_pushliteral(L, "__index");
    lua_getiuservalue(L, view, 1);
    lua_rawset(L, -3);
    set_view_metamethods(L);
    lua_setmetatable(L, view);
}

/* Decodes a call's arguments: a read-only map among them (the activity)
 * gets a metatable of its own. */
static void decode_arguments(lua_State *L, const uint8_t *buf, size_t len, int count) {
    Reader r = {buf, buf + len, NULL, 0};
    luaL_checkstack(L, count + 8, "too many values");
    int base = lua_gettop(L);
    /* A lazy map alone (a post, no person's key) decodes nothing here: its
     * fields are decoded when read, without the cache. */
    int cached = !(count == 1 && len > 0 && buf[0] == 'L');
    if (cached) {
        use_string_cache(L, &r);
    } else if (lua_rawgetp(L, LUA_REGISTRYINDEX, &string_cache_key) != LUA_TUSERDATA) {
        /* made here, on the host's side, for the post's fields to use */
        lua_pop(L, 1);
        Reader made = r;
        use_string_cache(L, &made);
        lua_pop(L, 2);
    } else {
        lua_pop(L, 1);
    }
    for (int i = 0; i < count; i++) {
        /* a read-only map with entries (an empty one is the shared view) */
        int map = 0;
        if (r.end - r.p >= 5 && *r.p == 'M') {
            uint32_t n;
            memcpy(&n, r.p + 1, 4);
            map = n > 0;
        }
        decode_value(L, &r, 0);
        if (map) give_own_metatable(L);
    }
    if (cached) {
        lua_rotate(L, base + 1, -2); /* the cache and its strings, off the stack */
        lua_pop(L, 2);
    }
}

/* Pushes `count` values (the results are the top `count` values: the
 * string cache stays below them). */
static int decode_all(lua_State *L, const uint8_t *buf, size_t len, int count) {
    Reader r = {buf, buf + len, NULL, 0};
    luaL_checkstack(L, count + 6, "too many values");
    /* Most results are an empty list: not worth fetching the cache. */
    if (len > 64) use_string_cache(L, &r);
    for (int i = 0; i < count; i++) decode_value(L, &r, 0);
    return count;
}

typedef struct {
    const uint8_t *buf;
    size_t len;
    int count;
} DecodeArgs;

static int push_encoded_p(lua_State *L) {
    DecodeArgs *a = (DecodeArgs *)lua_touserdata(L, 1);
    lua_pop(L, 1);
    return decode_all(L, a->buf, a->len, a->count);
}

int vigie_push_encoded(lua_State *L, const uint8_t *buf, size_t len, int count) {
    DecodeArgs a = {buf, len, count};
    return vigie_internal_run_protected(L, push_encoded_p, &a, 0, count);
}

/* ---- Swift functions ------------------------------------------------------ */

typedef struct {
    vigie_swift_fn fn;
    void *context;
} SwiftFunction;

static int swift_trampoline(lua_State *L) {
    SwiftFunction *f = (SwiftFunction *)lua_touserdata(L, lua_upvalueindex(1));
    const uint8_t *out = NULL;
    size_t outlen = 0;
    int n = f->fn(L, f->context, &out, &outlen);
    if (n < 0) {
        luaL_where(L, 1);
        lua_pushlstring(L, out != NULL ? (const char *)out : "error in host function", out != NULL ? outlen : 22);
        lua_concat(L, 2);
        return lua_error(L);
    }
    return decode_all(L, out, outlen, n);
}

typedef struct {
    vigie_swift_fn fn;
    void *context;
} PushFunctionArgs;

static int push_swift_function_p(lua_State *L) {
    PushFunctionArgs *a = (PushFunctionArgs *)lua_touserdata(L, 1);
    /* a full userdata with no metatable: scripts cannot reach it (it is an
     * upvalue of a C closure) and it needs no finalizer */
    SwiftFunction *f = (SwiftFunction *)lua_newuserdatauv(L, sizeof(SwiftFunction), 0);
    f->fn = a->fn;
    f->context = a->context;
    lua_pushcclosure(L, swift_trampoline, 1);
    return 1;
}

int vigie_push_swift_function(lua_State *L, vigie_swift_fn fn, void *context) {
    PushFunctionArgs a = {fn, context};
    return vigie_internal_run_protected(L, push_swift_function_p, &a, 0, 1);
}

/* ---- protected table access for the host ---------------------------------- */

typedef struct {
    const char *key;
    size_t len;
} FieldArgs;

static int set_field_p(lua_State *L) {
    /* 1: args, 2: table, 3: value */
    FieldArgs *a = (FieldArgs *)lua_touserdata(L, 1);
    lua_pushlstring(L, a->key, a->len);
    lua_pushvalue(L, 3);
    lua_rawset(L, 2);
    return 0;
}

int vigie_rawset_field(lua_State *L, int table, const char *key, size_t len) {
    table = lua_absindex(L, table);
    if (!lua_checkstack(L, 2)) return LUA_ERRMEM;
    FieldArgs a = {key, len};
    lua_pushvalue(L, table);
    lua_insert(L, -2); /* table, value */
    return vigie_internal_run_protected(L, set_field_p, &a, 2, 0);
}

static int get_field_p(lua_State *L) {
    FieldArgs *a = (FieldArgs *)lua_touserdata(L, 1);
    lua_pushlstring(L, a->key, a->len);
    lua_rawget(L, 2);
    return 1;
}

int vigie_rawget_field(lua_State *L, int table, const char *key, size_t len) {
    table = lua_absindex(L, table);
    if (!lua_checkstack(L, 2)) return LUA_ERRMEM;
    FieldArgs a = {key, len};
    lua_pushvalue(L, table);
    return vigie_internal_run_protected(L, get_field_p, &a, 1, 1);
}

/* ---- references held by the host ---------------------------------------- */

static int ref_p(lua_State *L) {
    /* 1: out pointer, 2: value */
    int *out = (int *)lua_touserdata(L, 1);
    lua_settop(L, 2);
    *out = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

int vigie_ref(lua_State *L, int *ref) {
    *ref = LUA_NOREF;
    return vigie_internal_run_protected(L, ref_p, ref, 1, 0);
}

static int unref_p(lua_State *L) {
    luaL_unref(L, LUA_REGISTRYINDEX, (int)lua_tointeger(L, 1));
    return 0;
}

int vigie_unref(lua_State *L, int ref) {
    if (ref == LUA_NOREF || ref == LUA_REFNIL) return LUA_OK;
    if (!lua_checkstack(L, 3)) return LUA_ERRMEM;
    lua_pushcfunction(L, unref_p);
    lua_pushinteger(L, ref);
    return lua_pcall(L, 1, 0, 0);
}

int vigie_getref(lua_State *L, int ref) {
    if (!lua_checkstack(L, 2)) return 0;
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    return 1;
}

/* ---- where the running script is ------------------------------------------ */

int vigie_where(lua_State *L, int level, char *source, size_t source_size, int *line) {
    lua_Debug ar;
    if (!lua_getstack(L, level, &ar)) return 0;
    if (!lua_getinfo(L, "Sl", &ar)) return 0;
    if (ar.currentline <= 0) return 0;
    snprintf(source, source_size, "%s", ar.source[0] == '@' || ar.source[0] == '=' ? ar.source + 1 : ar.short_src);
    *line = ar.currentline;
    return 1;
}

/* ---- one protected call: decode the arguments, then call ------------------ */

typedef struct {
    int ref;
    const uint8_t *buf;
    size_t len;
    int nargs;
    int decoding;
} CallArgs;

static int call_encoded_p(lua_State *L) {
    CallArgs *a = (CallArgs *)lua_touserdata(L, 1);
    VigieControl *c = VIGIE_CONTROL(L);
    lua_settop(L, 0);
    luaL_checkstack(L, a->nargs + 4, "too many arguments");
    lua_rawgeti(L, LUA_REGISTRYINDEX, a->ref);
    a->decoding = 1;
    c->host_mode = 1;
    decode_arguments(L, a->buf, a->len, a->nargs);
    c->host_mode = 0;
    a->decoding = 0;
    lua_call(L, a->nargs, LUA_MULTRET);
    return lua_gettop(L);
}

int vigie_call_encoded(lua_State *L, int ref, const uint8_t *buf, size_t len, int nargs, int *host_failure) {
    CallArgs a = {ref, buf, len, nargs, 0};
    lua_pushcfunction(L, call_encoded_p);
    lua_pushlightuserdata(L, &a);
    int status = vigie_pcall(L, 1, LUA_MULTRET);
    *host_failure = a.decoding;
    VIGIE_CONTROL(L)->host_mode = 0;
    return status;
}
