# errors: per part of the handover, how far each run lies from the delay
# model's expectation (|simulated - predicted|, ms, log scale), spread
# sideways so that the runs can be told apart; filled where the run lies
# outside both 10 % of the expectation and the model's range. Reads
# cases.csv (one row per run).
if (!exists("dir")) dir = "results/model-check"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/cases.csv"
set title "Distance of each run from the model's expectation, per part"
set ylabel "|simulated - predicted| (ms)"
set logscale y
set yrange [0.001:10000]
set format y "10^{%L}"
set xrange [0.3:7.7]
set xtics ("detection" 1, "L2 handoff" 2, "address" 3, "update" 4, "confirm" 5, "resume" 6, "disruption" 7)
set key inside top left
spread(i) = i + 0.5 * (rand(0) - 0.5)
inside(part, i) = column("within_".part) > 0 ? spread(i) : NaN
outside(part, i) = column("within_".part) > 0 ? NaN : spread(i)
parts = "detection l2_handoff address update confirm resume disruption"
plot for [i = 1:7] f using (inside(word(parts, i), i)):(abs(column("err_".word(parts, i)."_s")) * 1e3) with points ls 3 pt 6 notitle, \
     for [i = 1:7] f using (outside(word(parts, i), i)):(abs(column("err_".word(parts, i)."_s")) * 1e3) with points ls 4 pt 7 notitle, \
     NaN with points ls 3 pt 6 title "within 10 % or the model's range", \
     NaN with points ls 4 pt 7 title "outside"
@PNG; set output dir."/errors.png"
replot
@SVG; set output dir."/errors.svg"
replot
