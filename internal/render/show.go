package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/olekukonko/tablewriter/pkg/twwarp"
	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/rtp-tracker/rtp"
)

// Show writes everything about one recommendation in format, which must be
// in ShowFormats.
func Show(w io.Writer, format string, d rtp.Detail, opts Options) error {
	if err := CheckFormat(format, ShowFormats); err != nil {
		return err
	}
	switch format {
	case "json":
		return writeJSON(w, d)
	case "markdown":
		return showMarkdown(w, d)
	default:
		return showText(w, d, opts)
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// textWidth is the width prose is wrapped to when the output is not for a
// terminal: a comfortable line length in a pipe or a file.
const textWidth = 80

func showText(w io.Writer, d rtp.Detail, opts Options) error {
	width := opts.Width
	if width <= 0 {
		width = textWidth
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d. %s (%s)\n\n", d.Number, Terminal(d.Title, false), d.ID)
	// A long value (the source's title, many owners) wraps under itself.
	field := func(name, value string) {
		value = Terminal(value, false)
		if room := max(width-11, 20); twwidth.Width(value) > room {
			lines, _ := twwarp.WrapString(value, room)
			value = strings.Join(lines, "\n"+strings.Repeat(" ", 11))
		}
		fmt.Fprintf(&b, "%-10s %s\n", name+":", value)
	}
	status := string(d.Status)
	if d.AsOf != nil {
		status += " since " + string(*d.AsOf)
	}
	field("Status", status)
	for _, a := range d.ActorStatuses {
		fmt.Fprintf(&b, "  %s: %s\n", Terminal(a.Actor, false), actorStatusText(a))
	}
	if d.Target != nil {
		field("Target", d.Target.String())
	}
	field("Owners", orNone(ownerList(d.Owners)))
	field("Addressed", orNone(strings.Join(d.Actors, ", ")))
	field("Themes", orNone(strings.Join(d.Themes, ", ")))
	field("Source", d.Source+", "+d.Section)
	b.WriteString("\n")
	for _, para := range []string{d.Heading, d.Text} {
		lines, _ := twwarp.WrapString(Terminal(para, false), max(width-2, 20))
		for _, line := range lines {
			b.WriteString("  " + line + "\n")
		}
		b.WriteString("\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}

	fmt.Fprintf(w, "Timeline (%s)\n", rtp.CountOf(len(d.Updates), "update"))
	if len(d.Updates) > 0 {
		rows := make([][]string, len(d.Updates))
		widths := []int{len("UPDATE"), len("2006-01-02"), len("STATUS"), len("BY")}
		for i, u := range d.Updates {
			status := string(u.Status) + updatePrivateMark(u) + actorMark(u)
			if u.AmendedBy != nil {
				status += " (amended)"
			} else if u.Retracted != nil {
				status += " (retracted)"
			}
			rows[i] = []string{strconv.FormatInt(u.ID, 10), string(u.AsOf), status, Terminal(u.By, false), ""}
			for c := range widths {
				widths[c] = max(widths[c], twwidth.Width(rows[i][c]))
			}
		}
		// The note gets what the other columns and their two-space gaps
		// leave of the width.
		noteWidth := width
		for _, w := range widths {
			noteWidth -= w + 2
		}
		noteWidth = max(noteWidth, 20)
		for i, u := range d.Updates {
			lines := []string{}
			if line := correctionLine(u.Retracted, u.AmendedBy, u.Amends); line != "" {
				lines = append(lines, wrap(Terminal(line, false), noteWidth))
			}
			if u.Note != "" {
				lines = append(lines, wrap(Terminal(u.Note, true), noteWidth))
			}
			for _, e := range u.Evidence {
				lines = append(lines, wrap("evidence "+evidenceLine(e), noteWidth))
			}
			rows[i][4] = strings.Join(lines, "\n")
		}
		if err := plainTable(w, []string{"UPDATE", "AS OF", "STATUS", "BY", "NOTE"}, rows); err != nil {
			return err
		}
	}
	if len(d.Evidence) > 0 {
		fmt.Fprintf(w, "\nOther evidence (%d)\n", len(d.Evidence))
		for _, e := range d.Evidence {
			fmt.Fprintln(w, wrap(evidenceLine(e), width))
		}
	}
	return nil
}

// evidenceLine is one piece of evidence on one line, for terminals.
func evidenceLine(e rtp.Evidence) string {
	s := fmt.Sprintf("#%d %s %s", e.ID, e.Date, Terminal(e.Ref, false))
	if e.Title != "" {
		s += " \"" + Terminal(e.Title, false) + "\""
	}
	s += privateMark(e)
	if e.Note != "" {
		s += ": " + Terminal(e.Note, false)
	}
	if line := correctionLine(e.Retracted, e.AmendedBy, e.Amends); line != "" {
		s += " [" + Terminal(line, false) + "]"
	}
	return s
}

// correctionLine says how an entry was corrected: amended (by which entry,
// when, by whom) or retracted, and which entry it amends; "" if neither.
func correctionLine(r *rtp.Retraction, amendedBy *rtp.Amendment, amends int64) string {
	var parts []string
	if amends != 0 {
		parts = append(parts, fmt.Sprintf("amends #%d", amends))
	}
	if amendedBy != nil {
		parts = append(parts, fmt.Sprintf("amended by #%d on %s by %s", amendedBy.ID, amendedBy.RecordedAt.UTC().Format(time.DateOnly), amendedBy.By))
	} else if r != nil {
		parts = append(parts, retractionLine(r))
	}
	return strings.Join(parts, "; ")
}

// retractionLine says who retracted an entry, when and why.
func retractionLine(r *rtp.Retraction) string {
	return fmt.Sprintf("retracted %s by %s: %s", r.AsOf, r.By, r.Reason)
}

// wrap wraps each line of s to width, keeping the line breaks it has.
func wrap(s string, width int) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		wrapped, _ := twwarp.WrapString(line, width)
		out = append(out, wrapped...)
	}
	return strings.Join(out, "\n")
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func showMarkdown(w io.Writer, d rtp.Detail) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## %d. %s (`%s`)\n\n", d.Number, MarkdownCell(d.Title), d.ID)
	status := string(d.Status)
	if d.AsOf != nil {
		status += " since " + string(*d.AsOf)
	}
	fmt.Fprintf(&b, "- **Status:** %s\n", status)
	for _, a := range d.ActorStatuses {
		fmt.Fprintf(&b, "  - %s: %s\n", MarkdownCell(a.Actor), MarkdownCell(actorStatusText(a)))
	}
	if d.Target != nil {
		fmt.Fprintf(&b, "- **Target:** %s\n", d.Target)
	}
	fmt.Fprintf(&b, "- **Owners:** %s\n", MarkdownCell(orNone(ownerList(d.Owners))))
	fmt.Fprintf(&b, "- **Addressed to:** %s\n", MarkdownCell(orNone(strings.Join(d.Actors, ", "))))
	fmt.Fprintf(&b, "- **Themes:** %s\n", MarkdownCell(orNone(strings.Join(d.Themes, ", "))))
	fmt.Fprintf(&b, "- **Source:** %s, %s\n\n", MarkdownCell(d.Source), MarkdownCell(d.Section))
	fmt.Fprintf(&b, "> **%s**\n>\n> %s\n\n", MarkdownCell(d.Heading), MarkdownCell(d.Text))
	fmt.Fprintf(&b, "### Timeline\n\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	if len(d.Updates) == 0 {
		if _, err := io.WriteString(w, "No update recorded yet.\n"); err != nil {
			return err
		}
	} else {
		rows := make([][]string, len(d.Updates))
		for i, u := range d.Updates {
			refs := make([]string, len(u.Evidence))
			for j, e := range u.Evidence {
				refs[j] = MarkdownCell(e.Ref) + privateMark(e) + correctedMark(e)
			}
			status, note := string(u.Status)+updatePrivateMark(u)+MarkdownCell(actorMark(u)), MarkdownCell(u.Note)
			switch {
			case u.AmendedBy != nil:
				status = "~~" + status + "~~ amended"
			case u.Retracted != nil:
				status = "~~" + status + "~~ retracted"
			}
			if line := correctionLine(u.Retracted, u.AmendedBy, u.Amends); line != "" {
				note = strings.TrimSuffix("*"+MarkdownCell(line)+"*<br>"+note, "<br>")
			}
			rows[i] = []string{strconv.FormatInt(u.ID, 10), string(u.AsOf), status, MarkdownCell(u.By), note, strings.Join(refs, "<br>")}
		}
		if err := markdownTable(w, []string{"Update", "As of", "Status", "By", "Note", "Evidence"}, rows); err != nil {
			return err
		}
	}
	if len(d.Evidence) > 0 {
		if _, err := io.WriteString(w, "\n### Other evidence\n\n"); err != nil {
			return err
		}
		rows := make([][]string, len(d.Evidence))
		for i, e := range d.Evidence {
			rows[i] = []string{strconv.FormatInt(e.ID, 10), string(e.Date), MarkdownCell(e.Ref) + privateMark(e) + correctedMark(e), MarkdownCell(e.Title), MarkdownCell(e.Note)}
		}
		return markdownTable(w, []string{"Evidence", "Date", "Reference", "Title", "Note"}, rows)
	}
	return nil
}

// privateMark flags evidence that reports leave out.
func privateMark(e rtp.Evidence) string {
	if e.Private {
		return " (private)"
	}
	return ""
}

// updatePrivateMark flags an update whose note and evidence reports leave out.
func updatePrivateMark(u rtp.Update) string {
	if u.Private {
		return " (private)"
	}
	return ""
}

// correctedMark flags retracted or amended evidence, and amendments, in
// Markdown.
func correctedMark(e rtp.Evidence) string {
	line := correctionLine(e.Retracted, e.AmendedBy, e.Amends)
	if line == "" {
		return ""
	}
	return " *(" + MarkdownCell(line) + ")*"
}

// actorStatusText is an actor's latest status as show lists it under the
// recommendation's own.
func actorStatusText(a rtp.ActorStatus) string {
	text := string(a.Status) + " from " + string(a.AsOf)
	if !a.Addressed {
		text += " (added actor)"
	}
	return text
}

// actorMark names the actor an update is about, in the timeline.
func actorMark(u rtp.Update) string {
	if u.Actor == "" {
		return ""
	}
	return " (" + u.Actor + ")"
}
