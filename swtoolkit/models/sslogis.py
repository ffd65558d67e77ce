"""R's ``SSlogis``: the curve, its self-starting values and ``nls``'s convergence test.

Why this exists: a free-ceiling logistic is flat along a ridge (Asym and xmid trade off), so where an optimiser
stops on that ridge decides the last digits. R's ``nls(y ~ SSlogis(t, Asym, xmid, scal))`` starts from the values
of the model's self-start function and stops as soon as the Bates–Watts relative offset is below 1e-5 — for
ChickWeight chick 1 before its first step. Following the same start and the same stopping rule, the fit lands where
R's does; :func:`swtoolkit.models.logistic.logistic_curve_fit` refines with ``curve_fit`` only when the start has
not converged by that rule.

Sources followed (R ``stats``): ``zzModels.R`` (``SSlogis`` and its ``initial`` function), ``nls.R``
(``nlsModel.plinear``: ``setPars``, ``convCrit``, ``incr``; ``nlsModel``: ``convCrit``; ``summary.nls``) and
``nls.c`` (``nls_iter``: step halving with ``minFactor``; ``numeric_deriv``: forward differences).
"""

from __future__ import annotations

import numpy as np

#: ``nls.control()`` defaults.
NLS_TOL = 1e-5
NLS_MAXITER = 50
NLS_MIN_FACTOR = 1.0 / 1024.0
_SQRT_EPS = float(np.sqrt(np.finfo(float).eps))


class SelfStartError(ValueError):
    """The self-start could not find values (too few distinct times, flat data, or its fit did not converge)."""


def sslogis(t: np.ndarray, asym: float, xmid: float, scal: float) -> np.ndarray:
    """R's ``SSlogis`` curve: Asym / (1 + exp((xmid − t) / scal))."""
    return asym / (1.0 + np.exp((xmid - t) / scal))


def sslogis_gradient(t: np.ndarray, asym: float, xmid: float, scal: float) -> np.ndarray:
    """∂/∂(Asym, xmid, scal) of :func:`sslogis` (the gradient ``SSlogis`` attaches), one row per ``t``."""
    e = np.exp((xmid - t) / scal)
    d = 1.0 + e
    dx = -asym * e / (scal * d**2)
    return np.column_stack([1.0 / d, dx, -dx * (xmid - t) / scal])


def sslogis_start(t: np.ndarray, y: np.ndarray) -> np.ndarray:
    """R's ``getInitial(y ~ SSlogis(t, Asym, xmid, scal))``: (Asym, xmid, scal).

    y is averaged per distinct t and rescaled into (0, 1) as (y − min + 0.05·range) / (1.1·range); ``lm(t ~
    logit)`` gives xmid and scal, then the partially linear fit ``y ~ 1 / (1 + exp((xmid − t) / scal))`` (Asym
    linear, R's ``algorithm = "plinear"``) is run to R's default tolerance.
    """
    t, y = np.asarray(t, float), np.asarray(y, float)
    xs, inverse = np.unique(t, return_inverse=True)
    if len(xs) < 4:
        raise SelfStartError("too few distinct input values to fit a logistic model (R needs 4)")
    ys = np.bincount(inverse, weights=y) / np.bincount(inverse)
    span = float(np.ptp(ys))
    if not span > 0:
        raise SelfStartError("the values do not vary")
    z = (ys - ys.min() + 0.05 * span) / (1.1 * span)
    z = np.log(z / (1.0 - z))
    intercept_slope = np.linalg.lstsq(np.column_stack([np.ones_like(z), z]), xs, rcond=None)[0]
    asym, theta = _plinear(xs, ys, intercept_slope)
    return np.array([asym, *theta])


def _shape_with_gradient(x: np.ndarray, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """1 / (1 + exp((xmid − x) / scal)) and its forward-difference gradient (R's ``numericDeriv``)."""
    def shape(th: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp((th[0] - x) / th[1]))

    f0 = shape(theta)
    grad = np.empty((len(x), len(theta)))
    for i, value in enumerate(theta):
        step = _SQRT_EPS * (abs(value) if value != 0 else 1.0)
        moved = theta.copy()
        moved[i] += step
        grad[:, i] = (shape(moved) - f0) / step
    return f0, grad


def _plinear(x: np.ndarray, y: np.ndarray, start: np.ndarray) -> tuple[float, np.ndarray]:
    """Golub–Pereyra fit of y ≈ a·f(x; θ) with one linear coefficient, as R's ``nls(algorithm = "plinear")``."""
    n, p_lin, p_all = len(y), 1, 1 + len(start)
    scale = (n - p_all) / p_all  # nlsModel.plinear's ``fac``

    def state(theta: np.ndarray) -> dict:
        f, grad = _shape_with_gradient(x, theta)
        q, r = np.linalg.qr(f[:, None], mode="complete")
        qty = q.T @ y
        lin = qty[0] / r[0, 0]
        resid = y - f * lin
        return {"theta": theta, "grad": grad, "q": q, "r11": r[0, 0], "qty": qty, "lin": lin,
                "dev": float(resid @ resid)}

    def criterion_and_increment(s: dict) -> tuple[float, np.ndarray]:
        rotated = np.concatenate([[0.0], s["qty"][p_lin:]])
        resid = s["q"] @ rotated
        b = s["q"].T @ (s["grad"] * s["lin"])
        b[0, :] = (resid @ s["grad"]) / s["r11"]
        qb, rb = np.linalg.qr(b, mode="complete")
        rotated_b = qb.T @ rotated
        k = len(s["theta"])
        crit = float(np.sqrt(scale * np.sum(rotated_b[:p_lin] ** 2) / np.sum(rotated_b[p_lin:] ** 2)))
        return crit, np.linalg.solve(rb[:k], rotated_b[:k])

    current, factor = state(np.asarray(start, float)), 1.0
    for _ in range(NLS_MAXITER):
        crit, increment = criterion_and_increment(current)
        if not np.isfinite(crit):
            break
        if crit <= NLS_TOL:
            return float(current["lin"]), current["theta"]
        while factor >= NLS_MIN_FACTOR:
            trial = state(current["theta"] + factor * increment)
            if trial["dev"] <= current["dev"]:
                current, factor = trial, min(2.0 * factor, 1.0)
                break
            factor /= 2.0
        else:
            raise SelfStartError("the self-start's partially linear fit stopped: step factor below 1/1024")
    raise SelfStartError("the self-start's partially linear fit did not converge")


def relative_offset(t: np.ndarray, y: np.ndarray, params: np.ndarray) -> float:
    """``nls``'s convergence criterion at ``params``: the residual's length in the tangent plane over its length
    orthogonal to it (R's ``nlsModel`` ``convCrit``); below :data:`NLS_TOL` R takes no further step."""
    grad = sslogis_gradient(t, *params)
    q, _ = np.linalg.qr(grad, mode="complete")
    rotated = q.T @ (y - sslogis(t, *params))
    k = grad.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):  # an exact fit: 0/0, nan, not converged by this test
        return float(np.sqrt(np.sum(rotated[:k] ** 2) / np.sum(rotated[k:] ** 2)))


def sslogis_covariance(t: np.ndarray, y: np.ndarray, params: np.ndarray) -> np.ndarray:
    """s²·(JᵀJ)⁻¹ at ``params`` with s² = RSS / (n − 3): ``vcov`` of R's ``nls`` (and ``curve_fit``'s ``pcov``)."""
    grad = sslogis_gradient(t, *params)
    resid = y - sslogis(t, *params)
    _, r = np.linalg.qr(grad)
    r_inv = np.linalg.inv(r)
    return r_inv @ r_inv.T * float(resid @ resid) / (len(y) - len(params))
