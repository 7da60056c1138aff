package cli

import "github.com/spf13/cobra"

func (a *App) sourceCommand() *cobra.Command {
	source := &cobra.Command{
		Use:   "source",
		Short: "List and add the documents whose recommendations are followed up",
		Long: `A tracker follows up the recommendations of one or more source documents. The
2017 policy memo (memo-2017) is built in; add others, such as the
Secretary-General's report of the same year or next year's meeting memo, from
a JSON or YAML file (see the README for the format).`,
		Example: `  rtp source list
  rtp source add sg-report-2018.yaml
  rtp track list --source sg-report-2018`,
	}
	source.AddCommand(a.sourceListCommand(), a.sourceAddCommand())
	return source
}
