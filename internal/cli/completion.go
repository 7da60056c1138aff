package cli

import (
	"context"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rtp-tracker/rtp"
	"github.com/rtp-tracker/rtp/internal/render"
)

// A completer lists the candidates for one argument or flag value, each
// "value" or "value\tdescription" (zsh, fish and PowerShell show the
// description). Static ones need no tracker; the others read it.
type completer struct {
	static []string
	read   func(ctx context.Context, r rtp.Reader, args []string, today rtp.Date) ([]string, error)
	// list: the value is a comma-separated list (--status in-progress,partial),
	// and the word after the last comma is completed.
	list bool
}

// argCompleters complete positional arguments, one completer per argument,
// by command path.
var argCompleters = sync.OnceValue(func() map[string][]completer {
	return map[string][]completer{
		"rtp track show":     {recommendationIDs},
		"rtp track update":   {recommendationIDs},
		"rtp track evidence": {recommendationIDs},
		"rtp track assign":   {recommendationIDs, currentOwners},
		"rtp track unassign": {recommendationIDs, ownersOfTheRecommendation},
		"rtp track retract":  {entryIDs("update")},
		"rtp track amend":    {entryIDs("update")},
		"rtp owner rename":   {currentOwners},
		"rtp track target":   {recommendationIDs},
	}
})

// fileArgs are the commands whose arguments are files: the shell's own
// file completion is kept. Every other command's arguments complete nothing
// (a report is written with --output, not to a file named after it).
var fileArgs = map[string]bool{
	"rtp merge": true, "rtp track import": true, "rtp source add": true, "rtp db backup": true,
}

// flagCompleters complete flag values: "--name" on every command that has
// the flag, "PATH --name" on that command only (it wins). Built on first
// use, as argCompleters: only a shell asking what to complete needs them.
var flagCompleters = sync.OnceValue(func() map[string]completer {
	return map[string]completer{
		"--status": {static: names(rtp.Statuses), list: true},
		"--role":   {static: names(rtp.Roles)},
		"--source": sourceIDs,
		"--owner":  currentOwners,
		"--theme":  vocabulary("theme"),
		"--actor":  vocabulary("actor"),
		"--id":     recommendationIDs,
		"--batch":  batchIDs,

		"rtp track retract --evidence": entryIDs("evidence"),
		"rtp track amend --evidence":   entryIDs("evidence"),

		"rtp track list --format":   {static: render.ListFormats},
		"rtp log --format":          {static: render.ListFormats},
		"rtp source list --format":  {static: render.ListFormats},
		"rtp owner list --format":   {static: render.ListFormats},
		"rtp db members --format":   {static: render.ListFormats},
		"rtp track show --format":   {static: render.ShowFormats},
		"rtp search --format":       {static: render.SearchFormats},
		"rtp report --format":       {static: render.ReportFormats},
		"rtp export --format":       {static: []string{"json"}},
		"rtp due --format":          {static: render.DueFormats},
		"rtp track target --status": {static: names(rtp.TargetStatuses)},

		"rtp check list --format":   {static: render.ListFormats},
		"--rec":                     recommendationIDs,
		"--every":                   {static: names(rtp.Cadences)},
		"rtp check record --answer": {static: names(rtp.Answers)},
		"rtp check amend --answer":  {static: names(rtp.Answers)},
	}
})

// addCompletion adds `rtp completion bash|zsh|fish|powershell`. What it
// completes from the tracker (recommendation IDs with their short titles,
// owners, sources, entry numbers, statuses, roles and formats) is
// registered by registerCompletions, when a shell asks (completing).
func (a *App) addCompletion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Example = `  rtp completion bash > ~/.local/share/bash-completion/completions/rtp
  rtp completion zsh > ~/.zfunc/_rtp     # with fpath=(~/.zfunc $fpath) before compinit
  rtp completion fish > ~/.config/fish/completions/rtp.fish
  rtp completion powershell | Out-String | Invoke-Expression`
		}
	}
}

// completing reports whether a command line is a shell asking what to
// complete (cobra's hidden __complete commands): only then are the
// completion functions registered: walking the command tree for them cost
// every other command 0.87 M instructions (rtp --version 13.02 M, now
// 12.15 M).
func completing(args []string) bool {
	return len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd)
}

func (a *App) registerCompletions(cmd *cobra.Command) {
	if cmd.Name() == "completion" || cmd.Name() == "help" {
		return
	}
	for _, sub := range cmd.Commands() {
		a.registerCompletions(sub)
	}
	path := cmd.CommandPath()
	cmd.LocalFlags().VisitAll(func(f *pflag.Flag) {
		c, ok := flagCompleters()[path+" --"+f.Name]
		if !ok {
			c, ok = flagCompleters()["--"+f.Name]
		}
		if ok {
			// The only error is a second registration, which the walk never makes.
			_ = cmd.RegisterFlagCompletionFunc(f.Name, a.complete(c))
		}
	})
	if cmd.HasSubCommands() || !cmd.Runnable() || cmd.ValidArgsFunction != nil {
		return
	}
	switch completers, ok := argCompleters()[path]; {
	case ok:
		cmd.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) >= len(completers) {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return a.complete(completers[len(args)])(cmd, args, toComplete)
		}
	case !fileArgs[path]:
		cmd.ValidArgsFunction = cobra.NoFileCompletions
	}
}

// complete turns a completer into cobra's completion function. The tracker
// is opened read-only, and any failure (no tracker yet, a damaged file)
// completes nothing rather than print an error into the user's command line.
func (a *App) complete(c completer) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		listed, word := "", toComplete
		if c.list {
			if i := strings.LastIndex(toComplete, ","); i >= 0 {
				listed, word = toComplete[:i+1], toComplete[i+1:]
			}
		}
		candidates := c.static
		if c.read != nil {
			candidates = a.readCandidates(cmd, c, args)
		}
		// A value already in the list would only be said twice.
		given := strings.Split(strings.TrimSuffix(listed, ","), ",")
		var out []string
		for _, candidate := range candidates {
			value, description, described := strings.Cut(candidate, "\t")
			if !strings.HasPrefix(value, word) || (listed != "" && slices.Contains(given, value)) {
				continue
			}
			if described {
				value += "\t" + shorten(description)
			}
			out = append(out, listed+value)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

func (a *App) readCandidates(cmd *cobra.Command, c completer, args []string) []string {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	path, _, err := a.dbPath()
	if err != nil {
		return nil
	}
	// An upgraded copy, or any other notice, would land in the middle of
	// what the user is typing.
	quiet := *a
	quiet.Stderr = io.Discard
	r, _, err := quiet.open(ctx, OpenRequest{Path: path, ReadOnly: true})
	if err != nil {
		return nil
	}
	defer r.Close()
	candidates, err := c.read(ctx, r, args, a.today())
	if err != nil {
		return nil
	}
	return candidates
}

var recommendationIDs = completer{read: func(ctx context.Context, r rtp.Reader, _ []string, today rtp.Date) ([]string, error) {
	var ids []string
	err := r.Each(ctx, rtp.ListFilter{AsOf: today}, func(it rtp.Item) error {
		ids = append(ids, it.ID+"\t"+it.Title)
		return nil
	})
	return ids, err
}}

// currentOwners are the owners of any recommendation today, each once, in
// the spelling the history uses.
var currentOwners = completer{read: func(ctx context.Context, r rtp.Reader, _ []string, today rtp.Date) ([]string, error) {
	seen := map[string]bool{}
	var names []string
	err := r.Each(ctx, rtp.ListFilter{AsOf: today}, func(it rtp.Item) error {
		for _, o := range it.Owners {
			if key := rtp.OwnerKey(o.Name); !seen[key] {
				seen[key] = true
				names = append(names, o.Name)
			}
		}
		return nil
	})
	return names, err
}}

// ownersOfTheRecommendation are the owners today of the recommendation
// named by the first argument, with their roles.
var ownersOfTheRecommendation = completer{read: func(ctx context.Context, r rtp.Reader, args []string, today rtp.Date) ([]string, error) {
	id, err := r.Resolve(ctx, args[0])
	if err != nil {
		return nil, err
	}
	it, err := r.Item(ctx, id, today)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, o := range it.Owners {
		names = append(names, o.Name+"\t"+string(o.Role))
	}
	return names, nil
}}

var sourceIDs = completer{read: func(ctx context.Context, r rtp.Reader, _ []string, _ rtp.Date) ([]string, error) {
	sources, err := r.Sources(ctx)
	var ids []string
	for _, s := range sources {
		ids = append(ids, s.ID+"\t"+s.Title)
	}
	return ids, err
}}

func vocabulary(kind string) completer {
	return completer{read: func(ctx context.Context, r rtp.Reader, _ []string, _ rtp.Date) ([]string, error) {
		return r.Vocabulary(ctx, kind)
	}}
}

// entryIDs are the numbers of the updates (kind "update") or evidence
// ("evidence") that `rtp track retract` and `rtp track amend` take, each
// described as the log describes it: only those still in force, since
// neither command takes a retracted entry, nor an amended one (its
// amendment retracted it).
func entryIDs(kind string) completer {
	return completer{read: func(ctx context.Context, r rtp.Reader, _ []string, _ rtp.Date) ([]string, error) {
		var entries []rtp.Event
		retracted := map[int64]bool{}
		err := r.Log(ctx, rtp.LogFilter{}, func(e rtp.Event) error {
			switch {
			case e.Kind == kind && e.AmendedBy == 0:
				entries = append(entries, e)
			case e.Kind == "retract":
				if id, ok := retractedEntry(e, kind); ok {
					retracted[id] = true
				}
			}
			return nil
		})
		var ids []string
		for _, e := range entries {
			if !retracted[e.EntryID] {
				ids = append(ids, strconv.FormatInt(e.EntryID, 10)+"\t"+describe(e))
			}
		}
		return ids, err
	}}
}

// retractedEntry reads the entry of kind that a retraction retracts from
// its log summary, "update 7: reason" or "evidence 12: reason".
func retractedEntry(e rtp.Event, kind string) (int64, bool) {
	number, ok := strings.CutPrefix(e.Summary, kind+" ")
	if !ok {
		return 0, false
	}
	number, _, _ = strings.Cut(number, ":")
	id, err := strconv.ParseInt(number, 10, 64)
	return id, err == nil
}

var batchIDs = completer{read: func(ctx context.Context, r rtp.Reader, _ []string, _ rtp.Date) ([]string, error) {
	var ids []string
	err := r.Log(ctx, rtp.LogFilter{Batches: true}, func(e rtp.Event) error {
		ids = append(ids, strconv.FormatInt(e.EntryID, 10)+"\t"+describe(e))
		return nil
	})
	return ids, err
}}

// describe is a log entry in a few words.
func describe(e rtp.Event) string {
	if e.Kind == "import" || e.Kind == "merge" {
		return e.Kind + " of " + e.Summary // a batch: its summary is its file
	}
	if e.RecommendationID == "" {
		return e.Summary
	}
	return e.RecommendationID + ": " + e.Summary
}

// shorten keeps a description to one line of a completion menu, which
// shells do not wrap.
func shorten(description string) string {
	const maxRunes = 60
	text := oneLine(description)
	if runes := []rune(text); len(runes) > maxRunes {
		text = string(runes[:maxRunes-1]) + "…"
	}
	return text
}

// names are the values of a list of statuses, roles, answers or cadences,
// as completion offers them and help lists them.
func names[T ~string](list []T) []string {
	values := make([]string, len(list))
	for i, v := range list {
		values[i] = string(v)
	}
	return values
}
