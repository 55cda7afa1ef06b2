# predicted: the simulated disruption of every run against the delay model's
# expectation for its parameters (horizontal bars: the range the model's
# random inputs allow), one colour per scheme; the line is y = x. Reads
# cases.csv (one row per run).
if (!exists("dir")) dir = "results/model-check"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/cases.csv"
by(v, c) = (strcol("scheme") eq v) ? column(c) : NaN
set title "Disruption: simulated against the delay model (bars: the model's range)"
set xlabel "Predicted by HandoverDelayModel (s)"
set ylabel "Simulated (s)"
set logscale xy
set xrange [0.05:10]
set yrange [0.05:10]
set key inside top left
plot f using (by("mobisocket-direct", "pred_disruption_s")):(column("disruption_s")):(column("pred_disruption_min_s")):(column("pred_disruption_max_s")) with xerrorbars ls 1 title "MobiSocket, SIP direct", \
     f using (by("mobisocket-proxy", "pred_disruption_s")):(column("disruption_s")):(column("pred_disruption_min_s")):(column("pred_disruption_max_s")) with xerrorbars ls 2 title "MobiSocket, SIP via proxy", \
     f using (by("mobisocket-inband", "pred_disruption_s")):(column("disruption_s")):(column("pred_disruption_min_s")):(column("pred_disruption_max_s")) with xerrorbars ls 3 title "MobiSocket, in band", \
     f using (by("tcp-r", "pred_disruption_s")):(column("disruption_s")):(column("pred_disruption_min_s")):(column("pred_disruption_max_s")) with xerrorbars ls 4 title "TCP-R", \
     f using (by("migrate", "pred_disruption_s")):(column("disruption_s")):(column("pred_disruption_min_s")):(column("pred_disruption_max_s")) with xerrorbars ls 8 title "TCP Migrate", \
     f using (by("redirect", "pred_disruption_s")):(column("disruption_s")):(column("pred_disruption_min_s")):(column("pred_disruption_max_s")) with xerrorbars ls 5 title "Redirect daemon", \
     x with lines ls 7 title "simulated = predicted"
@PNG; set output dir."/predicted.png"
replot
@SVG; set output dir."/predicted.svg"
replot
