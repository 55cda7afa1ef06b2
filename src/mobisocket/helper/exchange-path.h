/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EXCHANGE_PATH_H
#define EXCHANGE_PATH_H

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief A delay that the handover delay model predicts: the value it
 *        expects and the range that the random inputs behind it allow
 *        (an ARP request's jitter, the rate a WiFi frame goes at, ...).
 *
 * Sums add the three values, so the range of a sum holds whatever the
 * parts draw.
 */
struct DelayRange
{
    double meanS{0}; //!< expected value (s)
    double minS{0};  //!< smallest value the random inputs allow (s)
    double maxS{0};  //!< largest value they allow (s)

    /**
     * \param s a delay that does not vary (s)
     * \return it as a range
     */
    static DelayRange Fixed(double s);

    /**
     * \param minS smallest value (s)
     * \param maxS largest value (s)
     * \return a delay spread evenly between them (mean at the midpoint)
     */
    static DelayRange Between(double minS, double maxS);

    /**
     * \param other another delay
     * \return this, plus the other
     */
    DelayRange& operator+=(const DelayRange& other);

    /**
     * \param s a measured value (s)
     * \param slackS tolerance on either side of the range (s)
     * \return whether s lies within [min - slack, max + slack]
     */
    bool Contains(double s, double slackS) const;
};

/**
 * \param a a delay
 * \param b another
 * \return their sum
 */
DelayRange operator+(DelayRange a, const DelayRange& b);

/**
 * \param times a count
 * \param d a delay
 * \return d taken that many times, each drawing its inputs again
 */
DelayRange operator*(double times, DelayRange d);

/**
 * \ingroup mobisocket
 * \brief A scheme's address-change exchange as the delay model predicts it,
 *        from the mover's new address on (MobilityScheme::PredictExchange).
 */
struct ExchangePrediction
{
    bool keepsConnection{false};  //!< the scheme keeps the connection at all
    std::string reason;           //!< why not
    DelayRange update;            //!< new address -> the peer rewrote its TCB
    DelayRange answer;            //!< peer updated -> it sent its confirmation (and resumed)
    DelayRange confirm;           //!< peer updated -> the mover verified the confirmation
    DelayRange peerArpAtAnswer;   //!< what a packet the peer sends with its answer still
                                  //!< waits for the new AP's ARP of the mover
    DelayRange moverArpAtConfirm; //!< what the mover's first packet after the
                                  //!< confirmation waits for its ARP of the gateway
    bool moverTimerFrozen{false}; //!< the mover stops its retransmission timer when its
                                  //!< link goes and re-arms it, not backed off, when
                                  //!< confirmed (TCP-R)
};

/**
 * \ingroup mobisocket
 * \brief What an address-change exchange travels over and costs in the WiFi
 *        handover scenario, derived from the scenario's parameters: the
 *        mobile host's new WiFi hop, the access and wired links to the
 *        correspondent, the link to the SIP proxy, ARP on the new hop, and
 *        the CPU time of each cryptographic operation.
 *
 * This is the part of the handover delay model (HandoverDelayModel) that
 * each MobilityScheme uses to predict its own exchange
 * (MobilityScheme::PredictExchange). The derivation of every term is in the
 * module documentation ("An independent delay model").
 */
class ExchangePath
{
  public:
    /// The wired links, as the scenario builds them.
    struct Links
    {
        double accessDelayS{0.001}; //!< router - AP one-way delay
        double accessRateBps{1e9};  //!< router - AP rate
        double wiredDelayS{0.020};  //!< router - CH one-way delay
        double wiredRateBps{100e6}; //!< router - CH rate
        double proxyRttS{0.010};    //!< router - proxy round trip
        double proxyRateBps{100e6}; //!< router - proxy rate
    };

    /// CPU time of each cryptographic operation on a host (the CryptoAgent's cycles at its clock).
    struct Cpu
    {
        double signS{0};   //!< one Ed25519 signature
        double verifyS{0}; //!< one Ed25519 verification
        double macS{0};    //!< one HMAC-SHA256 over a control message
    };

    /**
     * \param links the wired links
     * \param cpu the cryptographic costs (both hosts alike)
     */
    ExchangePath(const Links& links, const Cpu& cpu);

    /**
     * \param ipBytes a packet's size at the IP layer
     * \return its one-way trip between the MH and the CH (either way), the
     *         new WiFi hop's ARP already resolved
     */
    DelayRange Direct(uint32_t ipBytes) const;

    /**
     * \param ipBytes a packet's size at the IP layer
     * \return its one-way trip between the MH and the CH through the SIP
     *         proxy (either way)
     */
    DelayRange ViaProxy(uint32_t ipBytes) const;

    /**
     * \param requestBytes the request's size at the IP layer
     * \param answerBytes the answer's
     * \return a transaction between the MH and the proxy: the request goes,
     *         the answer comes back (ARP not included)
     */
    DelayRange ProxyTransaction(uint32_t requestBytes, uint32_t answerBytes) const;

    /**
     * \return one ARP resolution on the new WiFi hop: ns-3's request jitter
     *         (ArpL3Protocol RequestJitter, uniform 0-10 ms truncated to
     *         whole milliseconds) and the request and reply over the air
     */
    DelayRange Arp() const;

    /**
     * \param headStartS how long before this packet an earlier one started
     *        the same resolution
     * \return what is left of that resolution for this packet (none once
     *         the jitter has passed)
     */
    DelayRange ArpRemaining(double headStartS) const;

    /**
     * \param ipBytes a packet's size at the IP layer
     * \return its unicast frame exchange on the WiFi hop: expected at the
     *         highest rate, allowed down to the lowest
     */
    static DelayRange WifiUnicast(uint32_t ipBytes);

    /**
     * \param ipBytes a packet's size at the IP layer
     * \return its broadcast or management frame at the lowest rate (6 Mb/s), no
     *         acknowledgement
     */
    static DelayRange WifiBroadcast(uint32_t ipBytes);

    /**
     * \return an association on an idle channel: the request at once, its
     *         acknowledgement, and the response after DIFS (and a backoff),
     *         at the lowest rate; the station counts itself associated when
     *         the response arrives
     */
    static DelayRange WifiAssociation();

    /// \return the time the PHY takes to switch channel (WifiPhy ChannelSwitchDelay)
    static double ChannelSwitchS();

    /// A request from the mover answered by the peer, straight between them.
    struct RequestAnswer
    {
        double prepareRequestS{0};      //!< the mover's CPU time before the request leaves
        uint32_t requestBytes{0};       //!< the request's IP size
        double checkRequestS{0};        //!< the peer's CPU time before it updates
        double prepareAnswerS{0};       //!< the peer's CPU time before its answer leaves
        uint32_t answerBytes{0};        //!< the answer's IP size
        double checkAnswerS{0};         //!< the mover's CPU time before it is confirmed
        double answerArpHeadStartS{-1}; //!< how long before the answer an earlier packet
                                        //!< to the mover (SIP's 200) started the AP's ARP
                                        //!< (negative: the answer starts it)
    };

    /**
     * \param cpu the hosts' cryptographic costs
     * \param requestBytes the request's IP size
     * \param answerBytes the answer's IP size
     * \return an exchange whose two messages are each signed (Ed25519) and verified
     */
    static RequestAnswer Signed(const Cpu& cpu, uint32_t requestBytes, uint32_t answerBytes);

    /**
     * \param cpu the hosts' cryptographic costs
     * \param requestBytes the request's IP size
     * \param answerBytes the answer's IP size
     * \return an exchange whose two messages each carry an HMAC, made and checked
     */
    static RequestAnswer Keyed(const Cpu& cpu, uint32_t requestBytes, uint32_t answerBytes);

    /**
     * \param exchange the request and answer
     * \return the exchange's prediction: the request waits for the mover's
     *         ARP of its new gateway, the answer for the new AP's ARP of the mover
     */
    ExchangePrediction Predict(const RequestAnswer& exchange) const;

    /// \return the cryptographic costs
    const Cpu& GetCpu() const;

    /// \return the wired links
    const Links& GetLinks() const;

  private:
    /**
     * \param ipBytes a packet's size at the IP layer
     * \param rateBps a link's rate
     * \param delayS its propagation delay
     * \return the packet's time on that point-to-point link
     */
    static DelayRange Wire(uint32_t ipBytes, double rateBps, double delayS);

    Links m_links; //!< the wired links
    Cpu m_cpu;     //!< the cryptographic costs
};

} // namespace ns3

#endif // EXCHANGE_PATH_H
