# baselines: signalling bytes per scheme: at the handover, and in advance (per connection).
if (!exists("dir")) dir = "results/baselines"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
set title "Signalling on the wire (IP bytes, mean over seeds)"
set ylabel "IP bytes"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set key inside top right
set bmargin 4
set yrange [0:*]
set xtics nomirror font ",9"
@PNG; set output dir."/signalling.png"
plot f using "handover_signalling_bytes":xtic(brk(strcol("label"))) lc rgb "#ff7f00" title "sent because the MH moved", \
     f using "setup_signalling_bytes" lc rgb "#1f78b4" title "sent in advance to prepare the connection"
@SVG; set output dir."/signalling.svg"
replot
