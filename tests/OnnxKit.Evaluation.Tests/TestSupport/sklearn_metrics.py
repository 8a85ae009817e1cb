"""Computes scikit-learn's (and SciPy's) measures for the predictions given as JSON on standard
input and prints them as JSON, for OnnxKit.Evaluation.Tests to compare with its own.

Input: {"labels": [...], "scores": [[...], ...], "regression": {"truth": [...], "predicted": [...]},
        "mcnemar": [[b, c], ...], "calibration": {"correct": [...], "confidence": [...], "bins": 10}}
Or, for the cost-weighted figures: {"labels": [...], "scores": [[...], ...], "costs": [[tp, fn, fp, tn], ...]}
"""
import json
import sys

import numpy as np
from scipy import stats
from sklearn import metrics
from sklearn.calibration import calibration_curve

request = json.load(sys.stdin)
y = np.array(request["labels"])
scores = np.array(request["scores"], dtype=np.float64)
classes = scores.shape[1]
predicted = scores.argmax(1)
if "costs" in request:
    # Per class (one vs rest) and cost set: the total cost from scikit-learn's 2x2 confusion matrix, and the
    # cost-weighted accuracy as scikit-learn's accuracy with each example weighted by what getting it wrong
    # costs more than getting it right (fn - tp for a positive, fp - tn for a negative).
    out = []
    for tp, fn, fp, tn in request["costs"]:
        rows = []
        for k in range(classes):
            truth, decided = y == k, predicted == k
            (c_tn, c_fp), (c_fn, c_tp) = metrics.confusion_matrix(truth, decided, labels=[False, True])
            weight = np.where(truth, fn - tp, fp - tn)
            rows.append({"total": float(tp * c_tp + fn * c_fn + fp * c_fp + tn * c_tn),
                         "weightedAccuracy": metrics.accuracy_score(truth, decided, sample_weight=weight)})
        out.append(rows)
    json.dump(out, sys.stdout)
    sys.exit(0)
p, r, f, s = metrics.precision_recall_fscore_support(y, predicted, labels=range(classes), zero_division=0)
out = {
    "accuracy": metrics.accuracy_score(y, predicted),
    "confusion": metrics.confusion_matrix(y, predicted, labels=range(classes)).tolist(),
    "precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist(),
    "top2": metrics.top_k_accuracy_score(y, scores, k=2, labels=range(classes)),
    "auc": [metrics.roc_auc_score(y == k, scores[:, k]) for k in range(classes)],
    "ap": [metrics.average_precision_score(y == k, scores[:, k]) for k in range(classes)],
    "macroAuc": metrics.roc_auc_score(y, scores, multi_class="ovr", average="macro", labels=range(classes)),
}
for average in ("macro", "micro", "weighted"):
    ap, ar, af, _ = metrics.precision_recall_fscore_support(y, predicted, average=average, zero_division=0)
    out[average] = [ap, ar, af]
fpr, tpr, thresholds = metrics.roc_curve(y == 0, scores[:, 0], drop_intermediate=False)
out["roc0"] = {"fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": thresholds[1:].tolist()}
precision, recall, thresholds = metrics.precision_recall_curve(y == 0, scores[:, 0])
# scikit-learn lists the curve by increasing threshold and appends (recall 0, precision 1).
out["pr0"] = {"precision": precision[:-1][::-1].tolist(), "recall": recall[:-1][::-1].tolist(), "thresholds": thresholds[::-1].tolist()}

reg = request["regression"]
truth, pred = np.array(reg["truth"]), np.array(reg["predicted"])
out["mae"] = metrics.mean_absolute_error(truth, pred)
out["rmse"] = float(np.sqrt(metrics.mean_squared_error(truth, pred)))
out["r2"] = metrics.r2_score(truth, pred)

out["mcnemar"] = []
for b, c in request["mcnemar"]:
    n = b + c
    chi = max(0, abs(b - c) - 1) ** 2 / n if n else 0.0
    out["mcnemar"].append({"chi2": chi, "chi2P": float(stats.chi2.sf(chi, 1)) if n else 1.0,
                           "exactP": float(stats.binomtest(b, n, 0.5).pvalue) if n else 1.0})

cal = request["calibration"]
correct, confidence = np.array(cal["correct"]), np.array(cal["confidence"])
prob_true, prob_pred = calibration_curve(correct, confidence, n_bins=cal["bins"], strategy="uniform")
out["calibration"] = {"accuracy": prob_true.tolist(), "confidence": prob_pred.tolist()}

json.dump(out, sys.stdout)
