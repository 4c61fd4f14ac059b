/* global HARNESS */
// Reports every Content-Security-Policy violation in the page to the harness, so a test can
// prove the app runs under the production CSP without tripping it. The harness wraps this
// file in a function that defines HARNESS (the binding's name).

document.addEventListener(
  'securitypolicyviolation',
  (event) => {
    void globalThis[HARNESS.cspBinding]({
      directive: event.effectiveDirective,
      blockedUri: event.blockedURI,
      sourceFile: event.sourceFile,
      lineNumber: event.lineNumber,
      sample: event.sample,
      disposition: event.disposition
    })
  },
  true
)
