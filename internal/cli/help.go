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

// wrapHelpText wraps each line wider than helpWidth at its spaces.
func wrapHelpText(text string) string {
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if twwidth.Width(line) > helpWidth {
			wrapped, _ := twwarp.WrapString(line, helpWidth)
			lines[i] = strings.Join(wrapped, "\n")
		}
	}
	return strings.Join(lines, "\n")
}
