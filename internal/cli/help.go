package cli

import (
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwarp"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// helpWidth is the width help is wrapped to: an 80-column terminal, the
// narrowest in common use, and a comfortable line anywhere wider.
const helpWidth = 80

// fitHelp wraps help to helpWidth: a long line of a command's description
// (a generated list of statuses, a paragraph written as one line), and the
// flag descriptions under themselves, as pflag lays them out. The examples
// are left as they are, so that they can be copied whole.
func fitHelp(root *cobra.Command) {
	cobra.AddTemplateFunc("wrapHelpText", wrapHelpText)
	cobra.AddTemplateFunc("wrappedFlagUsages", func(f *pflag.FlagSet) string { return f.FlagUsagesWrapped(helpWidth) })
	help := strings.Replace(root.HelpTemplate(), "{{. | trimTrailingWhitespaces}}", "{{wrapHelpText . | trimTrailingWhitespaces}}", 1)
	usage := strings.NewReplacer(
		"{{.LocalFlags.FlagUsages", "{{wrappedFlagUsages .LocalFlags",
		"{{.InheritedFlags.FlagUsages", "{{wrappedFlagUsages .InheritedFlags",
	).Replace(root.UsageTemplate())
	root.SetHelpTemplate(help)
	root.SetUsageTemplate(usage)
}

// wrapHelpText refills each paragraph that has a line wider than
// helpWidth, so that no stub of a line is left between the wrapped one and
// the next; paragraphs whose lines fit, and indented ones (lists, code),
// stay as written.
func wrapHelpText(text string) string {
	paragraphs := strings.Split(text, "\n\n")
	for i, para := range paragraphs {
		lines := strings.Split(para, "\n")
		tooWide, indented := false, false
		for _, line := range lines {
			tooWide = tooWide || twwidth.Width(line) > helpWidth
			indented = indented || strings.HasPrefix(line, " ")
		}
		if !tooWide {
			continue
		}
		if indented {
			for j, line := range lines {
				if twwidth.Width(line) > helpWidth {
					wrapped, _ := twwarp.WrapString(line, helpWidth)
					lines[j] = strings.Join(wrapped, "\n")
				}
			}
			paragraphs[i] = strings.Join(lines, "\n")
			continue
		}
		wrapped, _ := twwarp.WrapString(strings.Join(lines, " "), helpWidth)
		paragraphs[i] = strings.Join(wrapped, "\n")
	}
	return strings.Join(paragraphs, "\n\n")
}
