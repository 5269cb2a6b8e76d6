// Command adopt-seed fills a DSS (the emulator of `make adopt-demo`)
// through its public API with objects to adopt: the small varied instance
// of the end-to-end test, plus, with -projects, that many projects of
// -datasets managed datasets each (for measuring the listing cost). It
// connects with DATAIKU_HOST and DATAIKU_API_KEY and never prints a
// secret.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/tf-dataiku/terraform-provider-dataiku/internal/adopt/seed"
	"github.com/tf-dataiku/terraform-provider-dataiku/internal/dss"
)

func main() {
	projects := flag.Int("projects", 0, "extra projects to create")
	datasets := flag.Int("datasets", 0, "managed datasets in each extra project")
	owner := flag.String("owner", "admin", "owner of the projects")
	flag.Parse()
	if err := run(*projects, *datasets, *owner); err != nil {
		fmt.Fprintln(os.Stderr, "adopt-seed:", err)
		os.Exit(1)
	}
}

func run(projects, datasets int, owner string) error {
	ctx := context.Background()
	c, err := dss.NewClient(dss.Config{Host: os.Getenv("DATAIKU_HOST"), APIKey: os.Getenv("DATAIKU_API_KEY")})
	if err != nil {
		return err
	}
	if _, err := seed.Sample(ctx, c, owner); err != nil {
		return err
	}
	fmt.Println("created the sample instance: 3 projects, 5 datasets (Filesystem, PostgreSQL, S3), a managed folder, a recipe, a scenario, a flow zone, a data quality rule, users, groups, connections, a code env and API keys")
	if projects > 0 {
		n, err := seed.Scale(ctx, c, owner, projects, datasets)
		if err != nil {
			return err
		}
		fmt.Printf("created %d more objects (%d projects of %d datasets)\n", n, projects, datasets)
	}
	return nil
}
