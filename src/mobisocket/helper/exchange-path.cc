/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "exchange-path.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

namespace
{

// IEEE 802.11a (OFDM, 20 MHz), the scenario's standard (IEEE 802.11-2020, 17.4.3).
constexpr double SLOT_S = 9e-6;                //!< slot time
constexpr double SIFS_S = 16e-6;               //!< short interframe space
constexpr double DIFS_S = SIFS_S + 2 * SLOT_S; //!< DCF interframe space
constexpr double PREAMBLE_S = 20e-6;           //!< preamble and SIGNAL field
constexpr double SYMBOL_S = 4e-6;              //!< OFDM symbol
constexpr uint32_t CW_MIN = 15;                //!< slots of the largest first backoff
constexpr double LOWEST_MBPS = 6;              //!< lowest rate: broadcast, management, ACK
constexpr double HIGHEST_MBPS = 54;            //!< highest data rate
constexpr double ACK_AT_HIGHEST_MBPS = 24;     //!< ACK rate for 54 Mb/s data (highest basic rate)
constexpr uint32_t ACK_BYTES = 14;             //!< ACK frame
constexpr uint32_t DATA_OVERHEAD_BYTES = 24 + 8 + 4;   //!< MAC header, LLC/SNAP, FCS
constexpr uint32_t MANAGEMENT_OVERHEAD_BYTES = 24 + 4; //!< MAC header, FCS
constexpr uint32_t PPP_BYTES = 2;                      //!< ns-3's point-to-point header
constexpr uint32_t ARP_JITTER_STEPS = 10;              //!< ArpL3Protocol RequestJitter: 0-10 ms,
constexpr double ARP_JITTER_STEP_S = 0.001;            //!< truncated to whole milliseconds
constexpr uint32_t ARP_BYTES = 28;                     //!< ARP request or reply
constexpr double CHANNEL_SWITCH_S = 250e-6; //!< WifiPhy ChannelSwitchDelay (ns-3's default)
// Association frame bodies (IEEE 802.11-2020, 9.3.3.6-7): capability, listen
// interval, SSID "mobisocket-N" and eight rates; capability, status, AID,
// rates and the EDCA parameter set.
constexpr uint32_t ASSOC_REQUEST_BODY_BYTES = 2 + 2 + 14 + 10;
constexpr uint32_t ASSOC_RESPONSE_BODY_BYTES = 2 + 2 + 2 + 10 + 20;

/**
 * \param bytes the frame (MPDU) size
 * \param mbps the rate
 * \return its time on the air: preamble, then SERVICE (16 bits), the
 *         frame and the tail (6 bits) in whole OFDM symbols
 */
double
OfdmFrameS(uint32_t bytes, double mbps)
{
    double bitsPerSymbol = mbps * 1e6 * SYMBOL_S;
    return PREAMBLE_S + SYMBOL_S * std::ceil((16 + 8.0 * bytes + 6) / bitsPerSymbol);
}

/// \return the random backoff's range when the medium was not idle long enough
DelayRange
Backoff()
{
    return DelayRange::Between(0, CW_MIN * SLOT_S);
}

} // namespace

DelayRange
DelayRange::Fixed(double s)
{
    return DelayRange{s, s, s};
}

DelayRange
DelayRange::Between(double minS, double maxS)
{
    return DelayRange{(minS + maxS) / 2, minS, maxS};
}

DelayRange&
DelayRange::operator+=(const DelayRange& other)
{
    meanS += other.meanS;
    minS += other.minS;
    maxS += other.maxS;
    return *this;
}

bool
DelayRange::Contains(double s, double slackS) const
{
    return s >= minS - slackS && s <= maxS + slackS;
}

DelayRange
operator+(DelayRange a, const DelayRange& b)
{
    a += b;
    return a;
}

DelayRange
operator*(double times, DelayRange d)
{
    return DelayRange{times * d.meanS, times * d.minS, times * d.maxS};
}

ExchangePath::ExchangePath(const Links& links, const Cpu& cpu)
    : m_links(links),
      m_cpu(cpu)
{
}

DelayRange
ExchangePath::WifiUnicast(uint32_t ipBytes)
{
    // ns-3's IdealWifiManager (WifiHelper's default) sends at the best rate
    // the last SNR allows; the model expects the highest rate (what the
    // timelines show after the association) and allows any down to the
    // lowest, with a backoff when the medium was busy.
    uint32_t frame = ipBytes + DATA_OVERHEAD_BYTES;
    double fastest = DIFS_S + OfdmFrameS(frame, HIGHEST_MBPS) + SIFS_S +
                     OfdmFrameS(ACK_BYTES, ACK_AT_HIGHEST_MBPS);
    double slowest =
        DIFS_S + OfdmFrameS(frame, LOWEST_MBPS) + SIFS_S + OfdmFrameS(ACK_BYTES, LOWEST_MBPS);
    DelayRange backoff = Backoff();
    return DelayRange{fastest + backoff.meanS, fastest, slowest + backoff.maxS};
}

DelayRange
ExchangePath::WifiBroadcast(uint32_t ipBytes)
{
    return DelayRange::Fixed(DIFS_S + OfdmFrameS(ipBytes + DATA_OVERHEAD_BYTES, LOWEST_MBPS)) +
           Backoff();
}

DelayRange
ExchangePath::WifiAssociation()
{
    double request = OfdmFrameS(ASSOC_REQUEST_BODY_BYTES + MANAGEMENT_OVERHEAD_BYTES, LOWEST_MBPS);
    double response =
        OfdmFrameS(ASSOC_RESPONSE_BODY_BYTES + MANAGEMENT_OVERHEAD_BYTES, LOWEST_MBPS);
    return DelayRange::Fixed(request + SIFS_S + OfdmFrameS(ACK_BYTES, LOWEST_MBPS) + DIFS_S +
                             response) +
           Backoff();
}

double
ExchangePath::ChannelSwitchS()
{
    return CHANNEL_SWITCH_S;
}

DelayRange
ExchangePath::Wire(uint32_t ipBytes, double rateBps, double delayS)
{
    return DelayRange::Fixed(8.0 * (ipBytes + PPP_BYTES) / rateBps + delayS);
}

DelayRange
ExchangePath::Direct(uint32_t ipBytes) const
{
    return WifiUnicast(ipBytes) + Wire(ipBytes, m_links.accessRateBps, m_links.accessDelayS) +
           Wire(ipBytes, m_links.wiredRateBps, m_links.wiredDelayS);
}

DelayRange
ExchangePath::ViaProxy(uint32_t ipBytes) const
{
    DelayRange toProxy = Wire(ipBytes, m_links.proxyRateBps, m_links.proxyRttS / 2);
    return Direct(ipBytes) + 2 * toProxy;
}

DelayRange
ExchangePath::ProxyTransaction(uint32_t requestBytes, uint32_t answerBytes) const
{
    const Links& l = m_links;
    return WifiUnicast(requestBytes) + Wire(requestBytes, l.accessRateBps, l.accessDelayS) +
           Wire(requestBytes, l.proxyRateBps, l.proxyRttS / 2) +
           Wire(answerBytes, l.proxyRateBps, l.proxyRttS / 2) +
           Wire(answerBytes, l.accessRateBps, l.accessDelayS) + WifiUnicast(answerBytes);
}

DelayRange
ExchangePath::Arp() const
{
    return ArpRemaining(0);
}

DelayRange
ExchangePath::ArpRemaining(double headStartS) const
{
    // ns-3 delays the request by MilliSeconds(jitter), which truncates the
    // uniform 0-10 ms draw: J is 0, 1, ..., 9 ms, each with probability
    // 1/10. The request and reply then take their air time A. A packet that
    // joins the queue h after the first waits max(0, J + A - h).
    DelayRange air = WifiBroadcast(ARP_BYTES) + WifiUnicast(ARP_BYTES);
    double mean = 0;
    for (uint32_t k = 0; k < ARP_JITTER_STEPS; ++k)
    {
        mean += std::max(0.0, k * ARP_JITTER_STEP_S + air.meanS - headStartS) / ARP_JITTER_STEPS;
    }
    double longest = (ARP_JITTER_STEPS - 1) * ARP_JITTER_STEP_S;
    return DelayRange{mean,
                      std::max(0.0, air.minS - headStartS),
                      std::max(0.0, longest + air.maxS - headStartS)};
}

/**
 * \param makeS the CPU time of making one message's authenticator
 * \param checkS the CPU time of checking it
 * \param requestBytes the request's IP size
 * \param answerBytes the answer's IP size
 * \return the exchange
 */
static ExchangePath::RequestAnswer
Authenticated(double makeS, double checkS, uint32_t requestBytes, uint32_t answerBytes)
{
    ExchangePath::RequestAnswer x;
    x.prepareRequestS = makeS;
    x.requestBytes = requestBytes;
    x.checkRequestS = checkS;
    x.prepareAnswerS = makeS;
    x.answerBytes = answerBytes;
    x.checkAnswerS = checkS;
    return x;
}

ExchangePath::RequestAnswer
ExchangePath::Signed(const Cpu& cpu, uint32_t requestBytes, uint32_t answerBytes)
{
    return Authenticated(cpu.signS, cpu.verifyS, requestBytes, answerBytes);
}

ExchangePath::RequestAnswer
ExchangePath::Keyed(const Cpu& cpu, uint32_t requestBytes, uint32_t answerBytes)
{
    return Authenticated(cpu.macS, cpu.macS, requestBytes, answerBytes);
}

ExchangePrediction
ExchangePath::Predict(const RequestAnswer& x) const
{
    ExchangePrediction e;
    e.keepsConnection = true;
    e.update = DelayRange::Fixed(x.prepareRequestS) + Arp() + Direct(x.requestBytes) +
               DelayRange::Fixed(x.checkRequestS);
    e.answer = DelayRange::Fixed(x.prepareAnswerS);
    e.peerArpAtAnswer = x.answerArpHeadStartS < 0 ? Arp() : ArpRemaining(x.answerArpHeadStartS);
    e.confirm =
        e.answer + e.peerArpAtAnswer + Direct(x.answerBytes) + DelayRange::Fixed(x.checkAnswerS);
    return e;
}

const ExchangePath::Cpu&
ExchangePath::GetCpu() const
{
    return m_cpu;
}

const ExchangePath::Links&
ExchangePath::GetLinks() const
{
    return m_links;
}

} // namespace ns3
