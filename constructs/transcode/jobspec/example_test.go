package jobspec_test

import (
	"fmt"

	"github.com/streamcdk/streamcdk/constructs/transcode/jobspec"
)

// The renditions a portrait 1080x1920 phone video gets from a three-rung ladder: portrait
// sizes, none larger than the source.
func ExampleSpec_Plan() {
	spec := jobspec.Spec{Ladder: []jobspec.Rendition{
		{ShortSide: 1440, MaxBitrate: 10_000_000},
		{ShortSide: 720, MaxBitrate: 4_500_000},
		{ShortSide: 360, MaxBitrate: 730_000},
	}}
	plan, err := spec.Plan(jobspec.Media{FileSize: 1 << 20, HasVideo: true, HasAudio: true, Width: 1080, Height: 1920})
	if err != nil {
		panic(err)
	}
	fmt.Println(plan.Layout)
	for _, r := range plan.Renditions {
		fmt.Printf("%dx%d up to %d kb/s\n", r.Width, r.Height, r.MaxBitrate/1000)
	}
	// Output:
	// portrait
	// 720x1280 up to 4500 kb/s
	// 360x640 up to 730 kb/s
}

// Validate names the field, the value and what is allowed.
func ExampleSpec_Validate() {
	err := jobspec.Spec{SegmentSeconds: 6, GOPSeconds: 4}.Validate()
	fmt.Println(err)
	// Output: jobspec: GOPSeconds 4 is not allowed; use a whole number of seconds that divides SegmentSeconds (6)
}
