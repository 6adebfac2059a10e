package liveingest

import (
	"fmt"

	"github.com/streamcdk/streamcdk/constructs/liveingest/encoder"
)

// List prices per hour of a STANDARD channel in us-east-1 with an HD AVC input up to 20 Mb/s, as
// AWS's Live Streaming on AWS solution guide publishes them (README "Cost per running hour").
const (
	inputPerHour    = 0.234
	hdOutputPerHour = 0.882
	sdOutputPerHour = 0.438
)

// HourlyListPrice estimates what the channel costs per running hour at list price, with what
// the estimate rests on: the input plus each output by resolution class (HD from 720 lines),
// half for SINGLE_PIPELINE. H.265, UHD and other Regions are priced differently (see
// https://aws.amazon.com/medialive/pricing/).
func (ch *Channel) HourlyListPrice() (float64, string) {
	return HourlyListPriceOf(ch.Spec, ch.props.class())
}

// HourlyListPriceOf is HourlyListPrice of a channel of class encoding spec (its defaults
// filled in), before one is made (e.g. to estimate a run).
func HourlyListPriceOf(spec encoder.Spec, class ChannelClass) (float64, string) {
	spec = spec.WithDefaults()
	hd, sd := 0, 0
	for _, r := range spec.Ladder {
		if r.Height >= 720 {
			hd++
		} else {
			sd++
		}
	}
	usd := inputPerHour + float64(hd)*hdOutputPerHour + float64(sd)*sdOutputPerHour
	basis := fmt.Sprintf("input $%.3f + %d HD x $%.3f + %d SD x $%.3f (STANDARD, AVC, us-east-1 list prices)", inputPerHour, hd, hdOutputPerHour, sd, sdOutputPerHour)
	if class == SinglePipeline {
		usd /= 2
		basis += ", halved for SINGLE_PIPELINE"
	}
	if spec.Codec == encoder.H265 {
		basis += "; H.265 outputs cost more: check the pricing page"
	}
	return usd, basis
}
