// CloudFront Function (viewer request) on /player/*: a folder's address serves its index.html,
// as S3 behind Origin Access Control has no index documents (a request for player/ would be
// answered 403). ES5 only, as CloudFront's cloudfront-js runtimes and the tests' engine run it.
function handler(event) {
  var request = event.request;
  if (request.uri.charAt(request.uri.length - 1) === '/') {
    request.uri += 'index.html';
  }
  return request;
}
