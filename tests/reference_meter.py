"""The tests' reference loudness meter: ITU-R BS.1770-4 integrated loudness, written here from
the standard, independently of campaigngen's meter (checks/audio.py).

K-weighting is the standard's two stages, a high shelf (+4 dB above ~1.7 kHz, the head's
acoustic effect) and the RLB high-pass, given in BS.1770 only as 48 kHz coefficients. This
module writes each stage as its analog prototype H(s) and maps it to the file's rate by the
bilinear transform, pre-warped at the stage's own frequency (scipy.signal.bilinear): at
44.1 kHz its response at 997 Hz is within 0.002 dB of the 48 kHz table's (the warping of
a bilinear design grows as the rate falls: 0.02 dB at 22.05 kHz). The prototype's parameters are
those that reproduce the standard's 48 kHz table (BS.1770-4 tables 1 and 2); the test
`test_reference_k_weighting_is_the_standard_table_at_48_khz` holds it to that table.

pyloudnorm's default "K-weighting" filter approximates the shelf (1500 Hz, +4 dB, Q 0.707)
and reads the standard's 997 Hz reference tone about 0.04 LU off, too coarse to judge a
meter against a 0.01 LU tolerance.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import soundfile
from scipy.signal import bilinear, lfilter

# BS.1770-4, table 1 (stage 1, the shelf) and table 2 (stage 2, the RLB high-pass) at 48 kHz.
BS1770_48K = (
    ((1.53512485958697, -2.69169618940638, 1.19839281085285), (1.0, -1.69065929318241, 0.73248077421585)),
    ((1.0, -2.0, 1.0), (1.0, -1.99004745483398, 0.99007225036621)),
)

# The analog prototypes behind those tables: a second-order high shelf (centre frequency,
# gain above it, Q, and the gain at the centre as a power of the top gain) and a
# second-order high-pass (corner, Q).
SHELF_HZ, SHELF_DB, SHELF_Q, SHELF_MID_EXPONENT = (
    1681.974450955533,
    3.999843853973347,
    0.7071752369554196,
    0.4996667741545416,
)
HIGHPASS_HZ, HIGHPASS_Q = 38.13547087602444, 0.5003270373238773
# The table writes stage 2 with numerator 1, -2, 1, which leaves its passband 0.043 dB above
# unity (its gain at Nyquist, 4 / A(-1)); the standard's -0.691 dB calibration counts on that
# gain, so the prototype keeps it at every rate. A unity-gain high-pass reads 0.043 LU low.
_TABLE_HIGHPASS_A = BS1770_48K[1][1]
HIGHPASS_GAIN = 4.0 / (_TABLE_HIGHPASS_A[0] - _TABLE_HIGHPASS_A[1] + _TABLE_HIGHPASS_A[2])

BLOCK_S, STEP_S = 0.4, 0.1  # gating blocks of 400 ms, 75 % overlap
ABSOLUTE_GATE_LUFS, RELATIVE_GATE_LU = -70.0, -10.0


def _digital(b_analog, a_analog, f0: float, rate: int) -> tuple[np.ndarray, np.ndarray]:
    """The bilinear transform pre-warped so the digital filter matches the analog one at f0."""
    warped_rate = np.pi * f0 / np.tan(np.pi * f0 / rate)  # bilinear() uses s = 2*fs*(z-1)/(z+1)
    return bilinear(b_analog, a_analog, fs=warped_rate)


@cache
def k_weighting(rate: int) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """(b, a) of both stages for this sample rate."""
    w0 = 2 * np.pi * SHELF_HZ
    top = 10 ** (SHELF_DB / 20)
    mid = top**SHELF_MID_EXPONENT
    # H(s) = (top*s^2 + mid*(w0/Q)*s + w0^2) / (s^2 + (w0/Q)*s + w0^2): 1 at DC, `top` far above w0.
    shelf = _digital([top, mid * w0 / SHELF_Q, w0 * w0], [1.0, w0 / SHELF_Q, w0 * w0], SHELF_HZ, rate)
    w1 = 2 * np.pi * HIGHPASS_HZ
    # H(s) = g*s^2 / (s^2 + (w1/Q)*s + w1^2)
    highpass = _digital([HIGHPASS_GAIN, 0.0, 0.0], [1.0, w1 / HIGHPASS_Q, w1 * w1], HIGHPASS_HZ, rate)
    return shelf, highpass


def k_weighted(samples: np.ndarray, rate: int) -> np.ndarray:
    out = np.asarray(samples, np.float64)
    for b, a in k_weighting(rate):
        out = lfilter(b, a, out, axis=0)
    return out


def integrated_loudness(samples: np.ndarray, rate: int) -> float:
    """BS.1770-4 integrated loudness in LUFS of mono (n,) or multichannel (n, channels) audio
    whose channels are all front channels (weight 1.0); -inf for silence or audio shorter
    than one 400 ms block."""
    weighted = k_weighted(samples, rate)
    if weighted.ndim == 1:
        weighted = weighted[:, None]
    block, step = round(BLOCK_S * rate), round(STEP_S * rate)
    if len(weighted) < block:
        return float("-inf")
    squared = np.vstack([np.zeros((1, weighted.shape[1])), np.cumsum(weighted**2, axis=0)])
    starts = np.arange(0, len(weighted) - block + 1, step)
    power = ((squared[starts + block] - squared[starts]) / block).sum(axis=1)  # channel weights 1.0

    def lufs(p):
        return -0.691 + 10 * np.log10(p)

    with np.errstate(divide="ignore"):
        audible = power[lufs(power) > ABSOLUTE_GATE_LUFS]
        if audible.size == 0:
            return float("-inf")
        relative_gate = lufs(audible.mean()) + RELATIVE_GATE_LU
        gated = audible[lufs(audible) > relative_gate]
    return float(lufs(gated.mean()))


def file_loudness(path: Path) -> float:
    data, rate = soundfile.read(str(path), dtype="float64")
    return integrated_loudness(data, rate)
