package cli

import "github.com/spf13/cobra"

func (a *App) ownerCommand() *cobra.Command {
	owner := &cobra.Command{
		Use:   "owner",
		Short: "Look after the follow-up owners themselves",
		Long: `Commands about owners rather than recommendations. Owners are one whatever the
case or Unicode form of their name; a rename keeps an owner one across its names.`,
		Example: `  rtp owner list
  rtp owner rename "Stanley Foundation" "Stanley Center" --as-of 2021-01-01`,
	}
	owner.AddCommand(a.ownerListCommand(), a.ownerRenameCommand())
	return owner
}
