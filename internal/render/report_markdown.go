package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rtp-tracker/rtp"
)

func reportMarkdown(w io.Writer, rep rtp.Report, rows rtp.ReportRows) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# RtoP follow-up report, as of %s\n\n", longDate(rep.AsOf))
	for _, s := range rep.Sources {
		fmt.Fprintf(&b, "**%s**  \n%s.\n\n", MarkdownCell(s.Title), MarkdownCell(sourceLine(s)))
	}
	fmt.Fprintf(&b, "Reporting date: %s.", rep.AsOf)
	if rep.Since != nil {
		fmt.Fprintf(&b, " Changes since %s (of status, notes, evidence, owners, retractions and amendments) are listed after the progress tables.", *rep.Since)
	}
	if rep.Filtered {
		b.WriteString(" Only the recommendations that match the report's filters are included.")
	}
	b.WriteString("\n\n## Summary\n\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	for _, part := range summaryParts(rep) {
		if part.Source != "" {
			fmt.Fprintf(w, "### %s (`%s`)\n\n", MarkdownCell(part.Title), part.Source)
		}
		summary := make([][]string, 0, len(part.ByStatus)+1)
		for _, c := range part.ByStatus {
			summary = append(summary, []string{string(c.Status), strconv.Itoa(c.Count)})
		}
		summary = append(summary, []string{"**total**", "**" + strconv.Itoa(part.Total) + "**"})
		if err := markdownTable(w, []string{"Status", "Recommendations"}, summary); err != nil {
			return err
		}
		fmt.Fprintf(w, "\nImplemented or partly implemented: **%d of %d (%s)**.\n", part.ImplementedOrPartial, part.Total, percent(part.Share))
		if part.Source != "" {
			fmt.Fprintln(w)
		}
	}

	var section [][]string
	err := eachSection(rows,
		func(r rtp.ReportRow) error {
			if _, err := fmt.Fprintf(w, "\n## %s\n\n", MarkdownCell(r.Section)); err != nil {
				return err
			}
			if rep.MixesSources() { // each section names its source
				_, err := fmt.Fprintf(w, "From *%s* (`%s`).\n\n", MarkdownCell(sourceTitle(rep, r.Source)), r.Source)
				return err
			}
			return nil
		},
		func(r rtp.ReportRow) error {
			cells := []string{numberIn(rep, r.Source, r.Number), "`" + r.ID + "`", MarkdownCell(r.Title), string(r.Status), dateOr(r.AsOf, "")}
			if rep.Targets {
				cells = append(cells, targetCell(r.Target))
			}
			section = append(section, append(cells, MarkdownCell(ownerList(r.Owners)), markdownLines(strings.Join(periodNotes(r), "\n")), markdownEvidence(r.EvidenceRefs)))
			return nil
		},
		func() error {
			header := []string{"#", "ID", "Recommendation", "Status", "Since"}
			if rep.Targets {
				header = append(header, "Target")
			}
			err := markdownTable(w, append(header, "Owners", notesHeader(rep), "Evidence"), section)
			section = nil
			return err
		})
	if err != nil {
		return err
	}

	if rep.Since != nil {
		fmt.Fprintf(w, "\n## Changes since %s\n\n", *rep.Since)
		// The table's cells, not the entries, are held: its columns are
		// aligned to the widest cell.
		var rows [][]string
		err := rep.EachChange(func(c rtp.Change) error {
			rows = append(rows, []string{string(c.Date), numberIn(rep, c.Source, c.Number), "`" + c.RecommendationID + "`", c.Kind, MarkdownCell(changeText(c)),
				MarkdownCell(c.By), markdownLines(c.Note)})
			return nil
		})
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			fmt.Fprintln(w, "Nothing was recorded.")
		} else if err := markdownTable(w, []string{"Date", "#", "ID", "Kind", "Change", "By", "Note"}, rows); err != nil {
			return err
		}
	}

	if rep.Targets {
		if err := dueMarkdown(w, rep); err != nil {
			return err
		}
	}
	if len(rep.Actors) > 0 {
		fmt.Fprintf(w, "\n## Progress per addressee\n\n")
		rows := make([][]string, len(rep.Actors))
		for i, a := range rep.Actors {
			rows[i] = []string{"`" + a.RecommendationID + "`", MarkdownCell(a.Actor), string(a.Status), string(a.AsOf)}
		}
		if err := markdownTable(w, []string{"ID", "Actor", "Status", "As of"}, rows); err != nil {
			return err
		}
	}

	fmt.Fprintf(w, "\n## Stale recommendations\n\n%s\n\n", staleNote(rep))
	if len(rep.Stale) == 0 {
		if _, err := fmt.Fprintln(w, "None."); err != nil {
			return err
		}
		return checksMarkdown(w, rep.Checks)
	}
	stale := make([][]string, len(rep.Stale))
	for i, s := range rep.Stale {
		stale[i] = []string{numberIn(rep, s.Source, s.Number), "`" + s.RecommendationID + "`", MarkdownCell(s.Title), string(s.Status), dateOr(s.LastUpdate, "never")}
	}
	if err := markdownTable(w, []string{"#", "ID", "Recommendation", "Status", "Last update"}, stale); err != nil {
		return err
	}
	return checksMarkdown(w, rep.Checks)
}

// markdownLines keeps the lines of a note apart in a table cell: GitHub
// breaks the line at <br>; pandoc drops the <br> on its way to Word, and the
// space before it keeps the last word of a line from running into the next.
func markdownLines(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = MarkdownCell(l)
	}
	return strings.Join(lines, " <br>")
}

// markdownEvidence cites each piece of evidence, a link where it has one
// (rtp.EvidenceLink), separated by semicolons, which read the same in
// every Markdown reader and after pandoc.
func markdownEvidence(refs []rtp.EvidenceRef) string {
	cited := make([]string, len(refs))
	for i, e := range refs {
		label := evidenceLinkText(e.Ref)
		text := markdownLinkText.Replace(MarkdownCell(label))
		link := rtp.EvidenceLink(e.Ref)
		switch {
		case link == label: // a web address: an autolink, which pandoc and GitHub both read
			cited[i] = "<" + markdownDestination.Replace(link) + ">"
		case link != "":
			cited[i] = "[" + text + "](" + markdownDestination.Replace(link) + ")"
		default:
			cited[i] = text
		}
	}
	return strings.Join(cited, "; ")
}

// evidenceLinkText is what a reader sees of a reference that is a link:
// an address of the UN's document system reads as the symbol it serves
// (rtp.DocumentKey), as a symbol typed as one does; any other reference
// as written.
func evidenceLinkText(ref string) string {
	if symbol, ok := rtp.UNSymbol(rtp.DocumentKey(ref)); ok {
		return symbol
	}
	return ref
}

var (
	markdownLinkText = strings.NewReplacer("[", `\[`, "]", `\]`)
	// markdownDestination percent-encodes what would end a link's address
	// or its table cell early.
	markdownDestination = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "|", "%7C", `\`, "%5C", "[", "%5B", "]", "%5D")
)

// dueMarkdown writes the "Due and overdue" section.
func dueMarkdown(w io.Writer, rep rtp.Report) error {
	fmt.Fprintf(w, "\n## Due and overdue\n\n%s\n\n", dueNote(rep))
	if len(rep.Due) == 0 {
		_, err := fmt.Fprintln(w, "None.")
		return err
	}
	rows := make([][]string, len(rep.Due))
	for i, d := range rep.Due {
		rows[i] = []string{string(d.Due), d.HowFar(), "`" + d.RecommendationID + "`", MarkdownCell(d.Title), MarkdownCell(d.What), string(d.Current)}
	}
	return markdownTable(w, []string{"Due", "When", "ID", "Recommendation", "Target", "Status"}, rows)
}
