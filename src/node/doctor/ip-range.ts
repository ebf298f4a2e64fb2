// Whether an IPv4 address lies in a CIDR range, for threat protection's SkippedIPRangeList.

function ipv4(text: string): number | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** `203.0.113.7` in `203.0.113.0/24`; a range without a prefix length is one address. IPv6 ranges never match. */
export function inRange(address: string, range: string): boolean {
  const [base, bits] = range.split('/');
  const a = ipv4(address);
  const b = ipv4(base ?? '');
  const prefix = bits === undefined ? 32 : Number(bits);
  if (a === undefined || b === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false;
  const size = 2 ** (32 - prefix);
  return Math.floor(a / size) === Math.floor(b / size);
}

export function isIpv4(text: string): boolean {
  return ipv4(text) !== undefined;
}
