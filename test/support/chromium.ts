import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_HINT, findChromium } from '../../scripts/find-chromium.mjs';

/**
 * The browser's own probes, switched off. Chromium keeps a single --disable-features, the
 * last one given, so this list repeats the features playwright-core disables itself
 * (chromiumSwitches in playwright-core 1.65) besides those that phone home.
 */
const DISABLED_FEATURES = [
  // playwright-core's own list
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  // probes and downloads that reach Google's servers
  'DialMediaRouteProvider',
  'AutofillServerCommunication',
  'CertificateTransparencyComponentUpdater',
  'InterestFeedContentSuggestions',
  'Translate',
  'SafeBrowsingEnhancedProtection',
  'UseDnsHttpsSvcb',
  'AsyncDns',
];

/**
 * Flags that keep the test browser offline: every name but the test host fails before it
 * reaches Chromium's resolver, and the background probes are off, so a traced run of the
 * suite shows connections outside loopback only where Atelier itself makes them
 * (scripts/offline-connects.mjs counts them by program).
 *
 * `^NOTFOUND` is the rule's "fail here" target in current Chromium; the older `~NOTFOUND`
 * is now an ordinary (invalid) host name that goes on to the resolver, which first probes
 * IPv6 reachability (a UDP connect() to [2001:4860:4860::8888]:443) for every start-up
 * request (component updater, network quality estimator). That probe also runs before
 * each new connection to 127.0.0.1 and no switch turns it off; the offline check counts it
 * apart (BROWSER_PROBE in scripts/offline-connects.mjs).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--host-resolver-rules=MAP * ^NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-domain-reliability',
  '--disable-sync',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--no-pings',
  '--dns-prefetch-disable',
  '--metrics-recording-only',
  '--no-default-browser-check',
  '--no-first-run',
  '--disable-quic',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];

/**
 * Debian's Chromium (or ATELIER_CHROMIUM); fails with the one-line install hint when missing.
 * `fakeMicrophone`: a WAV file the browser's microphone plays (permission is granted per context).
 */
export async function launchChromium(options: { fakeMicrophone?: string } = {}): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_HINT);
  const microphone = options.fakeMicrophone ? ['--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${options.fakeMicrophone}`] : [];
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...microphone], headless: true });
}
