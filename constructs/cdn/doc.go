// Package cdn defines StreamCDK's CloudFront delivery:
//   - NewVodDistribution: VoD outputs (S3 with Origin Access Control, and MediaPackage VOD when
//     packaging is on);
//   - NewLiveDistribution: MediaPackage v2 endpoints, with the cache key MediaPackage v2's CDN
//     recommendations give (MediaPackageV2QueryStrings);
//   - NewIdentifier: the CDN identifier secret CloudFront sends and MediaPackage checks (v1 or v2
//     header, version pinning for rotation);
//   - what both distributions share (Options): the player page's behaviour (its index rewrite
//     function and Content-Security-Policy), MediaTailor's ad routes and their guard function
//     (AdRoutes, code in edge/), viewer logs in their own KMS-encrypted bucket, custom domains,
//     WAF, geo allow-list, Origin Shield, signed URLs.
package cdn
