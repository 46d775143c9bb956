package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

//go:generate sh -c "go run . man > ../../docs/otr.1"

func manCommand() *cli.Command {
	return &cli.Command{
		Name:   "man",
		Usage:  "print the man page (docs/otr.1 is made with it)",
		Hidden: true,
		Action: func(c *cli.Context) error {
			page, err := c.App.ToManWithSection(1)
			if err != nil {
				return err
			}
			_, err = fmt.Fprint(c.App.Writer, page)
			return err
		},
	}
}
