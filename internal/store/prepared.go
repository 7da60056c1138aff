package store

import (
	"context"
	"database/sql"
)

// writer is what the helpers that record entries run their statements on: a
// transaction, or an import's preparedTx.
type writer interface {
	querier
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// preparedTx is a transaction that prepares each statement the first time
// it runs and then reuses it: an import runs the same few statements for
// every row, and SQLite takes longer to prepare most of them than to run
// them. The statements end with the transaction.
type preparedTx struct {
	*sql.Tx
	stmts map[string]*sql.Stmt
	batch *batch // the import the entries belong to
}

func newPreparedTx(tx *sql.Tx) *preparedTx { return &preparedTx{Tx: tx, stmts: map[string]*sql.Stmt{}} }

func (p *preparedTx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s, ok := p.stmts[query]; ok {
		return s, nil
	}
	s, err := p.Tx.PrepareContext(ctx, query)
	if err == nil {
		p.stmts[query] = s
	}
	return s, err
}

func (p *preparedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

func (p *preparedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

func (p *preparedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	s, err := p.stmt(ctx, query)
	if err != nil {
		return p.Tx.QueryRowContext(ctx, query, args...) // a Row that carries the error
	}
	return s.QueryRowContext(ctx, args...)
}
