// CloudFront Function (viewer request) on MediaTailor's paths (/v1/*): the distribution relays
// requests only for this stack's playback configurations. MediaTailor's regional host serves
// every account's configurations and picks one from the path
// (/v1/<kind>/<account hash>/<configuration>/..., kinds session, master, dash, manifest,
// segment, dashsegment, tracking), so the path must name this account (ACCOUNT, once known)
// and one of CONFIGURATIONS, hold no dot segments or encoded dots and slashes, and not lead
// back into the distribution's own routes (a loop through MediaTailor). POST only starts
// sessions. ES5 only, as CloudFront's runtimes and the tests' engine run it.
var CONFIGURATIONS = [];
var ACCOUNT = '';
var OWN_ROUTES = ['v1', 'tm', 'player'];

function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var p = uri.split('/');
  var clean = !/%2e|%2f|\/\.{1,2}(\/|$)|\/\//i.test(uri);
  var ours = clean && p[1] === 'v1' && CONFIGURATIONS.indexOf(p[4]) >= 0 && (ACCOUNT === '' || p[3] === ACCOUNT) &&
    OWN_ROUTES.indexOf(p[5]) < 0;
  var method = request.method;
  var allowed = method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || (method === 'POST' && p[2] === 'session');
  if (!ours || !allowed) {
    return { statusCode: 403, statusDescription: 'Forbidden' };
  }
  return request;
}
