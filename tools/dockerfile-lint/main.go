// Command dockerfile-lint checks Dockerfiles with Docker's own build checks — the rules of
// `docker build --check` (https://docs.docker.com/reference/build-checks/) — through
// BuildKit's Dockerfile frontend, without a Docker engine: base images are not pulled
// (their configuration is taken as empty), so every rule that reads only the Dockerfile
// runs as it does in Docker.
//
// It prints one line per problem, "file:line RuleName: detail", and exits 1 when there is any.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	digest "github.com/opencontainers/go-digest"
)

// offline answers every base image lookup with an empty linux/amd64 image.
type offline struct{}

func (offline) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	return ref, "", []byte(`{"architecture":"amd64","os":"linux","config":{}}`), nil
}

func lint(file string) (int, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return 0, err
	}
	source := llb.NewSourceMap(nil, file, "Dockerfile", data)
	source.Definition = &llb.Definition{}
	results, err := dockerfile2llb.DockerfileLint(context.Background(), data, dockerfile2llb.ConvertOpt{
		SourceMap:    source,
		MetaResolver: offline{},
	})
	if err != nil {
		return 0, err
	}
	problems := 0
	for _, w := range results.Warnings {
		line := int32(0)
		if w.Location != nil && len(w.Location.Ranges) > 0 {
			line = w.Location.Ranges[0].Start.Line
		}
		fmt.Printf("%s:%d %s: %s (%s)\n", file, line, w.RuleName, w.Detail, w.URL)
		problems++
	}
	if results.Error != nil {
		fmt.Printf("%s: %s\n", file, results.Error.Message)
		problems++
	}
	return problems, nil
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: dockerfile-lint Dockerfile...")
		os.Exit(2)
	}
	problems := 0
	for _, file := range os.Args[1:] {
		n, err := lint(file)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", file, err)
			os.Exit(2)
		}
		problems += n
	}
	if problems > 0 {
		os.Exit(1)
	}
	fmt.Printf("%d Dockerfile(s): no problems\n", len(os.Args)-1)
}
