package io.github.faig.nn.io;

/** IEEE 754 half precision to float (Java 17 has no {@code Float.float16ToFloat}). */
final class Half {

	private Half() {}

	static float toFloat(final short h) {
		final int bits = h & 0xffff;
		final int sign = (bits >>> 15) << 31;
		final int exp = (bits >>> 10) & 0x1f;
		final int mant = bits & 0x3ff;
		if (exp == 0) {
			// Zero or subnormal: mant · 2^-24.
			final float v = mant * 0x1p-24f;
			return sign == 0 ? v : -v;
		}
		if (exp == 31) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
		return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
	}
}
