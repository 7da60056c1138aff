package cli

import "github.com/spf13/cobra"

func (a *App) trackCommand() *cobra.Command {
	track := &cobra.Command{
		Use:   "track",
		Short: "List, show and record the follow-up of recommendations",
		Long: `Commands that read and record the follow-up of recommendations.

A recommendation is named by its ID (ga-agenda), its number in the memo (6) or
an unambiguous prefix of its ID (ga).`,
		Example: `  rtp track list --status unassessed
  rtp track show 6
  rtp track update ga --status in-progress --note "Raised at the GA dialogue"`,
	}
	track.AddCommand(a.trackListCommand(), a.trackShowCommand(), a.trackUpdateCommand(),
		a.trackAssignCommand(), a.trackUnassignCommand(), a.trackEvidenceCommand(), a.trackRetractCommand(), a.trackAmendCommand(), a.trackImportCommand(), a.trackTargetCommand())
	return track
}
