# stream-delay: the complementary CDF, over every seed, of the one-way delay of
# the 1 Mb/s stream's chunks offered from 1 s before the handover to 4 s after
# it, per scheme: the share of the chunks offered that arrived later than x, on
# a log scale so that the handover's tail shows (the CDF is a step at the
# path's 21 ms for some 97 % of the chunks). A chunk never delivered is later
# than every x: plain TCP's curve stays at its lost share. The dotted line is
# ITU-T G.114's 150 ms. Reads cdf.csv (python3 -m mobisocket.experiments run
# stream-delay).
if (!exists("dir")) dir = "results/stream-delay"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/cdf.csv"
# The share later than this row's delay (NaN at 0, which a log axis cannot show).
later(v) = (strcol("variant") eq v && 1 - column("fraction") > 1e-9) ? 1 - column("fraction") : NaN
# Plain TCP's chunks never delivered: its curve goes on at that share.
stats f using (sel("tcp", "fraction")):(sel("tcp", "delay_ms")) nooutput
tcpLost = 1 - STATS_max_x
tcpLast = STATS_max_y
set samples 400
set title "Chunks later than a one-way delay, around one handover (signal roaming)"
set xlabel "One-way delay (ms, log scale)"
set ylabel "Share of the chunks offered later than that"
set logscale xy
set xrange [10:2000]
set yrange [1e-4:1]
set format y "10^{%L}"
set key inside bottom left
set arrow from 150, graph 0 to 150, graph 1 nohead dt 3 lc rgb "#888888"
set label "150 ms (G.114)" at 155, 3e-4 font ",9"
@PNG; set output dir."/delay-ccdf.png"
plot f using (column("delay_ms")):(later("mobisocket-direct")) with steps ls 1 title "MobiSocket, SIP INFO direct", \
     f using (column("delay_ms")):(later("mobisocket-proxy")) with steps ls 2 title "MobiSocket, SIP INFO via proxy", \
     f using (column("delay_ms")):(later("mobisocket-inband")) with steps ls 3 title "MobiSocket in band", \
     f using (column("delay_ms")):(later("tcp-r")) with steps ls 4 title "TCP-R", \
     f using (column("delay_ms")):(later("redirect")) with steps ls 5 title "Redirect daemon", \
     f using (column("delay_ms")):(later("migrate")) with steps ls 8 title "TCP Migrate", \
     f using (column("delay_ms")):(later("tcp")) with steps ls 6 title "Plain TCP", \
     (x >= tcpLast ? tcpLost : NaN) with lines ls 6 notitle
@SVG; set output dir."/delay-ccdf.svg"
replot
