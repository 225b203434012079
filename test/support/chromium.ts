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
 * Flags that keep the test browser offline: every name but the test host resolves to
 * nothing, and the background probes are off, so a traced run of the suite shows
 * connections outside loopback only where Atelier itself makes them
 * (scripts/count-connects.mjs counts them).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
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

/** Debian's Chromium (or ATELIER_CHROMIUM); fails with the one-line install hint when missing. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_HINT);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
