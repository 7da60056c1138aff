package store

import (
	"context"
	"database/sql"
	"regexp"
	"slices"
	"sync"
)

// The row-level security policies a tracker's schema must have are those
// pgschema.sql creates, read from it so that the check follows the schema.
var createPolicy = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^CREATE POLICY (\w+) ON (\w+)`) })

// pgPolicyProblems reports a policy missing (its rows hidden from those
// who should see them, or shown to all if its table's other policies
// allow) and a policy that is not rtp's: policies of one command are
// OR'ed, so one added policy can show private entries to every role.
func pgPolicyProblems(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var want []string
	for _, m := range createPolicy().FindAllStringSubmatch(pgSchema, -1) {
		want = append(want, m[1]+" on "+m[2])
	}
	have, err := column(ctx, tx, `SELECT policyname || ' on ' || tablename FROM pg_policies WHERE schemaname = ? ORDER BY 1`, PGSchema)
	if err != nil {
		return nil, err
	}
	var problems []string
	for _, p := range want {
		if !slices.Contains(have, p) {
			problems = append(problems, "schema: the row-level security policy "+p+" is missing")
		}
	}
	for _, p := range have {
		if !slices.Contains(want, p) {
			problems = append(problems, "schema: the row-level security policy "+p+" is not rtp's: it may show private entries to every role")
		}
	}
	return problems, nil
}
