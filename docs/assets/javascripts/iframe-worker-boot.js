/* The worker's globals inside iframe-worker.js's hidden frame, defined in the frame's own realm
 * (a message must come from the frame for the shim to take it). importScripts() returns a
 * promise here, where a real worker's is synchronous: search-worker.js handles both. */
postMessage = function (data, origin) { parent.postMessage(data, origin || "*"); };
importScripts = function () {
  return [].slice.call(arguments).reduce(function (done, url) {
    return done.then(function () {
      return new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = resolve;
        document.body.appendChild(script);
      });
    });
  }, Promise.resolve());
};
addEventListener("error", function (event) {
  parent.dispatchEvent(new ErrorEvent("error", { filename: frameElement.dataset.url, error: event.error }));
});
