// CloudFront Function (viewer request) on MediaTailor's paths (/v1/*): the distribution relays
// requests only for this stack's playback configurations. MediaTailor's regional host serves
// every account's configurations and picks one from the path
// (/v1/<kind>/<account hash>/<configuration>/..., kinds session, master, dash, manifest,
// segment, dashsegment, tracking; older segment links /v1/segment/<configuration>/...), so
// without this check anyone could play their own configurations through this distribution.
// POST only starts sessions. ES5 only, as CloudFront's runtimes and the tests' engine run it.
var CONFIGURATIONS = [];

function handler(event) {
  var request = event.request;
  var p = request.uri.split('/');
  var ours = p[1] === 'v1' && (CONFIGURATIONS.indexOf(p[4]) >= 0 || (p[2] === 'segment' && CONFIGURATIONS.indexOf(p[3]) >= 0));
  var method = request.method;
  var allowed = method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || (method === 'POST' && p[2] === 'session');
  if (!ours || !allowed) {
    return { statusCode: 403, statusDescription: 'Forbidden' };
  }
  return request;
}
