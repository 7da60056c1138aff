// Command rtp follows up the recommendations of the 2017 RtoP policy memo.
package main

import (
	"os"

	"github.com/rtp-tracker/rtp/internal/cli"
)

func main() { os.Exit(cli.Main()) }
