---@meta vigie-testing
-- The test functions of Vigie's policy tests (tests/*_test.lua) and of the
-- REPL, for the Lua language server: they exist in `vigie test` and
-- `vigie repl`, never in `vigie check`, and a rule that calls one fails.
-- Only the tests/ folder's .luarc.json names this file.

---@class vigie.CheckResult
---@field flags string[]      ids of the rules and indicators that flagged
---@field findings { rule: string, evidence: table[], advice?: string, severity: vigie.Severity }[]
---@field errors string[]
---@field post vigie.Post     the post the rules saw (read-only)

--- A group of tests (test files and the REPL only).
---@param name string
---@param body fun()
function describe(name, body) end

--- A test (test files and the REPL only).
---@param name string
---@param body fun()
function it(name, body) end

--- Runs the active rules and indicators on a made-up post, built as
--- `vigie check` builds every post (test files and the REPL only).
---@param spec string|vigie.PostSpec
---@return vigie.CheckResult
function check(spec) end

---@class vigie.Expectation
---@field to_flag fun(id?: string)
---@field to_pass fun(id?: string)
---@field to_equal fun(expected: any)
---@field to_be_truthy fun()

--- What a test expects of a value (test files and the REPL only).
---@param actual any
---@return vigie.Expectation
function expect(actual) end

--- The activities of an export (a folder, a file, a `.zip` or a JSONL
--- stream, in any format `vigie import` reads; the path is relative to the
--- test file), as specs for `check`, authors resolved through the profile
--- (test files and the REPL only).
---@param path string
---@return vigie.PostSpec[]
function fixture(path) end
