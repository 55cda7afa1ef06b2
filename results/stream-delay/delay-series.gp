# stream-delay: each chunk's one-way delay against the time the application
# offered it, relative to the start of the handover, in each scheme's first
# run (the lowest RngRun): the disruption is the ramp of chunks that waited
# for the new address and the update, then the backlog drains. Reads
# series.csv (python3 -m mobisocket.experiments run stream-delay).
if (!exists("dir")) dir = "results/stream-delay"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/series.csv"
set title "Chunk delay around the handover (first seed of each scheme)"
set xlabel "Time the chunk was offered, from the handover's start (s)"
set ylabel "One-way delay (ms, log scale)"
set logscale y
set yrange [5:5000]
set xrange [-1:4]
set key inside top right
@PNG; set output dir."/delay-series.png"
plot f using (sel("mobisocket-direct", "offered_s")):"delay_ms" with lines ls 1 title "MobiSocket, SIP INFO direct", \
     f using (sel("mobisocket-proxy", "offered_s")):"delay_ms" with lines ls 2 title "MobiSocket, SIP INFO via proxy", \
     f using (sel("mobisocket-inband", "offered_s")):"delay_ms" with lines ls 3 title "MobiSocket in band", \
     f using (sel("tcp-r", "offered_s")):"delay_ms" with lines ls 4 title "TCP-R", \
     f using (sel("redirect", "offered_s")):"delay_ms" with lines ls 5 title "Redirect daemon", \
     f using (sel("migrate", "offered_s")):"delay_ms" with lines ls 8 title "TCP Migrate", \
     f using (sel("tcp", "offered_s")):"delay_ms" with lines ls 6 title "Plain TCP"
@SVG; set output dir."/delay-series.svg"
replot
