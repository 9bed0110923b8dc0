import GRDB

extension CaseFile {
    /// Named migrations, applied in order, each in its own transaction. Never
    /// edit a migration that shipped: add a new one.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1 runs") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("policyName", .text).notNull()
                t.column("policyVersion", .text).notNull()
                t.column("inputs", .text).notNull()  // JSON array of paths
                t.column("startedAt", .datetime).notNull()
                t.column("finishedAt", .datetime)
                t.column("status", .text).notNull()
                    .check(sql: "status IN ('running', 'complete', 'incomplete')")
                t.column("statusReason", .text)
                t.column("activityCount", .integer)
                t.column("skippedCount", .integer)
                t.column("findingCount", .integer)
                t.column("newFindingCount", .integer)
                t.column("incidentCount", .integer)
            }
        }

        migrator.registerMigration("v1 findings and baseline") { db in
            // One row per fingerprint ever reported by a complete run.
            try db.create(table: "finding") { t in
                t.primaryKey("fingerprint", .text)
                t.column("ruleID", .text).notNull()
                t.column("firstSeenRun", .integer).notNull().references("run")
                t.column("lastSeenRun", .integer).notNull().references("run")
            }
            // What each complete run reported: identifiers, offsets, positions.
            try db.create(table: "runFinding") { t in
                t.column("runID", .integer).notNull().references("run", onDelete: .cascade)
                t.column("fingerprint", .text).notNull().references("finding")
                t.primaryKey(["runID", "fingerprint"])
                t.column("ruleID", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("actorID", .text)
                t.column("activityID", .text).notNull()
                t.column("sourceFile", .text)
                t.column("sourceIndex", .integer)
                t.column("sourceLine", .integer)
                t.column("evidence", .text).notNull()  // JSON [EvidenceSpan]
                t.column("advice", .text)
                t.column("mitigates", .text).notNull()  // JSON [String]
            }
            try db.create(index: "runFinding_fingerprint", on: "runFinding", columns: ["fingerprint"])
            // The baseline: fingerprints a consultant accepted, with why and who.
            try db.create(table: "acceptedFinding") { t in
                t.primaryKey("fingerprint", .text).references("finding")
                t.column("reason", .text).notNull()
                t.column("acceptedBy", .text).notNull()
                t.column("acceptedAt", .datetime).notNull()
            }
        }

        migrator.registerMigration("v1 incidents") { db in
            try db.create(table: "incident") { t in
                t.primaryKey("id", .text)
                t.column("kind", .text).notNull()
                t.column("actorID", .text)
                t.column("openedBy", .text).notNull()  // JSON [fingerprint]
                t.column("currentStep", .text)
                t.column("status", .text).notNull()
                t.column("firstRun", .integer).references("run")
                t.column("lastRun", .integer).references("run")
            }
            // Append-only history: every decision, its step and its reasons.
            try db.create(table: "decision") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("incidentID", .text).notNull().references("incident", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.uniqueKey(["incidentID", "position"])
                t.column("action", .text).notNull()
                t.column("step", .text)
                t.column("reason", .text).notNull()
                t.column("atSeconds", .double).notNull()
                t.column("atOffset", .integer).notNull()
                t.column("decidedBy", .text)
                t.column("runID", .integer).references("run")
            }
        }
        migrator.registerMigration("v2 escalation, acceptances, erasures, run states") { db in
            // Runs: interrupted (a signal stopped them) and abandoned (their
            // process died; found by the next run) besides the v1 states.
            try db.create(table: "newRun") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("policyName", .text).notNull()
                t.column("policyVersion", .text).notNull()
                t.column("inputs", .text).notNull()
                t.column("startedAt", .datetime).notNull()
                t.column("finishedAt", .datetime)
                t.column("status", .text).notNull()
                    .check(sql: "status IN ('running', 'complete', 'incomplete', 'interrupted', 'abandoned')")
                t.column("statusReason", .text)
                t.column("activityCount", .integer)
                t.column("skippedCount", .integer)
                t.column("findingCount", .integer)
                t.column("newFindingCount", .integer)
                t.column("incidentCount", .integer)
                t.column("processID", .integer)
            }
            try db.execute(sql: """
                INSERT INTO newRun (id, policyName, policyVersion, inputs, startedAt, finishedAt, status, statusReason,
                  activityCount, skippedCount, findingCount, newFindingCount, incidentCount)
                SELECT id, policyName, policyVersion, inputs, startedAt, finishedAt, status, statusReason,
                  activityCount, skippedCount, findingCount, newFindingCount, incidentCount FROM run
                """)
            try db.drop(table: "run")
            try db.rename(table: "newRun", to: "run")

            // Every finding an incident may be moved by, with its time: the
            // escalation is recomputed from these, in time order.
            try db.create(table: "findingEvent") { t in
                t.primaryKey("fingerprint", .text)
                t.column("actorKey", .text).notNull()
                t.column("actorID", .text)
                t.column("ruleID", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("activityID", .text).notNull()
                t.column("atSeconds", .double).notNull()
                t.column("atOffset", .integer).notNull()
                t.column("ordinal", .integer).notNull()
                t.column("firstRun", .integer).references("run")
            }
            try db.create(index: "findingEvent_actor", on: "findingEvent", columns: ["actorKey"])
            // An incident or a decision the escalation no longer derives (a
            // later run brought earlier findings) is kept for the record but
            // marked superseded: it is no longer part of the case.
            try db.alter(table: "incident") { t in
                t.add(column: "actorKey", .text)
                t.add(column: "openedAtSeconds", .double)
                t.add(column: "openedAtOffset", .integer)
                t.add(column: "superseded", .boolean).notNull().defaults(to: false)
            }
            // A decision is recorded once: its key says what it is (`auto:…`
            // derived by the escalation, `manual:…` a consultant's).
            try db.alter(table: "decision") { t in
                t.add(column: "decisionKey", .text)
                t.add(column: "cause", .text)
                t.add(column: "superseded", .boolean).notNull().defaults(to: false)
            }
            try db.create(index: "decision_key", on: "decision", columns: ["decisionKey"], unique: true,
                          condition: Column("decisionKey") != nil)
            // Acceptances may expire, and may name a finding this file has
            // not seen yet (shared by a team through the policy's
            // acceptances.json): no foreign key to `finding`.
            try db.create(table: "newAcceptedFinding") { t in
                t.primaryKey("fingerprint", .text)
                t.column("reason", .text).notNull()
                t.column("acceptedBy", .text).notNull()
                t.column("acceptedAt", .datetime).notNull()
                t.column("expiresAt", .datetime)
            }
            try db.execute(sql: """
                INSERT INTO newAcceptedFinding (fingerprint, reason, acceptedBy, acceptedAt)
                SELECT fingerprint, reason, acceptedBy, acceptedAt FROM acceptedFinding
                """)
            try db.drop(table: "acceptedFinding")
            try db.rename(table: "newAcceptedFinding", to: "acceptedFinding")
            // The acceptances in force now (GRDB writes dates as UTC text
            // that sorts like SQLite's own).
            try db.execute(sql: """
                CREATE VIEW activeAcceptance AS SELECT * FROM acceptedFinding
                WHERE expiresAt IS NULL OR expiresAt > strftime('%Y-%m-%d %H:%M:%f', 'now')
                """)
            // The right to erasure, recorded without the person's data.
            try db.create(table: "erasure") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("erasedAt", .datetime).notNull()
                t.column("erasedBy", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("rowsRemoved", .integer).notNull()
            }
            // Single values of the case: the time the escalation was last
            // brought up to (`escalationHorizon`, seconds since 1970).
            try db.create(table: "caseState") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
        migrator.registerMigration("v3 serve decision log", migrate: CaseFile.createServeLog)
        return migrator
    }()
}
