/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SIGNALLING_TCP_SOCKET_H
#define SIGNALLING_TCP_SOCKET_H

#include "change-exchange.h"
#include "mobility-demux.h"
#include "relocatable-tcp-socket.h"

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief A relocatable TCP socket whose ends agree in the handshake to be
 *        mobile and signal their address changes in band: the common part
 *        of MobiSocket and TCP-R.
 *
 * - Negotiation: a subclass names an RFC 6994 experiment identifier
 *   (SetNegotiationExid) and offers itself (SetOffered); the SYN carries the
 *   ExID, a version byte and a 32-bit nonce, the SYN+ACK answers only an
 *   offer, and the two nonces make the connection token. The scheme is
 *   active on a connection (IsNegotiated()) only when both ends offered it;
 *   a peer without it ignores the option and the connection is plain TCP.
 * - Control segments: URG|ACK segments outside the byte stream, addressed
 *   by the token; the node's MobilityDemux delivers them (this socket is a
 *   MobilityDemux::Receiver).
 * - The in-band change exchange: the socket owns a ChangeExchange that uses
 *   this socket as its transport (URG segments, retransmitted from the
 *   unbacked-off RTO, doubling, ChangeRetries times) and as the connection
 *   it relocates. A subclass chooses the messages and the authenticator.
 * - Retention through outages while the scheme is active.
 */
class SignallingTcpSocket : public RelocatableTcpSocket,
                            public MobilityDemux::Receiver,
                            public ChangeExchange::Connection,
                            public ChangeExchange::Transport
{
  public:
    /// Version byte of the negotiation option.
    static constexpr uint8_t NEGOTIATION_VERSION = 1;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SignallingTcpSocket();
    /**
     * \brief Copy constructor (a listening socket forks its connections,
     *        each with a fresh exchange).
     * \param other the socket to copy
     */
    SignallingTcpSocket(const SignallingTcpSocket& other);
    ~SignallingTcpSocket() override;

    /// \return the connection token (0 if none)
    uint64_t GetToken() const;

    /**
     * \brief Read the nonce of a negotiation option (ExID, version byte,
     *        32-bit nonce) in a SYN or SYN+ACK.
     * \param header the segment's header
     * \param exid the scheme's ExID
     * \return the nonce, or 0 if the header has no valid option of this ExID
     */
    static uint32_t ReadNegotiationNonce(const TcpHeader& header, uint16_t exid);

    /**
     * \brief The connection token: both ends' nonces, as they crossed in
     *        the clear in the handshake (anyone on the path can compute it;
     *        it names the connection, it does not authenticate).
     * \param initiatorNonce the nonce of the SYN
     * \param responderNonce the nonce of the SYN+ACK
     * \return the token
     */
    static uint64_t MakeToken(uint32_t initiatorNonce, uint32_t responderNonce);

    /// \return the exchange that signals this connection's address changes
    Ptr<ChangeExchange> GetExchange() const;

    /// \return transmissions of this end's updates (first sends and retransmissions)
    uint32_t GetAnnouncementTransmissions() const;

    /**
     * \param reason a reject reason
     * \return how many control messages for this connection were rejected for it
     */
    uint32_t GetRejectCount(ChangeRejectReason reason) const;

    // Socket API: an offering socket draws its nonce before the SYN.
    int Connect(const Address& address) override;

    // MobilityDemux::Receiver
    bool CanReceiveControl() const override;
    void ReceiveControl(MobilityControlHeader::MessageType type,
                        Ptr<Packet> payload,
                        const IpAddress& source,
                        uint16_t sourcePort) override;

  protected:
    /**
     * \brief Choose the RFC 6994 experiment identifier under which this
     *        scheme offers itself in the SYN (0: no option, nothing to negotiate).
     * \param exid the experiment identifier
     */
    void SetNegotiationExid(uint16_t exid);

    /**
     * \brief Offer (or stop offering) the scheme in the next SYN or SYN+ACK.
     * \param offered whether this end offers it
     */
    void SetOffered(bool offered);

    /// \return true if this end offers the scheme
    bool IsOffered() const;

    /**
     * \return true if both ends offered the scheme in their SYNs and the
     *         connection is synchronized
     */
    bool IsNegotiated() const;

    /// \return true if this end opened the connection (sent the first SYN)
    bool IsInitiator() const;

    /// \return the ChangeRetries attribute (also bounds other control retransmissions)
    uint32_t GetChangeRetries() const;

    /**
     * \brief A control segment of a type the exchange does not handle
     *        arrived (e.g. a key share).
     * \param type the message type
     * \param payload the message bytes
     * \param source the sender's address
     * \param sourcePort the sender's port
     */
    virtual void ReceiveOtherControl(MobilityControlHeader::MessageType type,
                                     Ptr<Packet> payload,
                                     const IpAddress& source,
                                     uint16_t sourcePort);

    /**
     * \brief Parse a control message of another type than the exchange's
     *        and check that it belongs to this connection and that the scheme
     *        is negotiated (rejecting and counting it otherwise).
     * \tparam H the message class
     * \param payload the message bytes
     * \param[out] header the parsed message
     * \return true if it may be processed further
     */
    template <class H>
    bool ReadControl(Ptr<Packet> payload, H& header);

    /**
     * \brief Take over the connection of another socket of this node (the
     *        paper's copyTCB): the TCB (RelocatableTcpSocket::TransferConnection),
     *        the negotiation, the token and the exchange with its sequence
     *        numbers and counters.
     * \param from the socket that holds the connection
     */
    void TakeOver(Ptr<SignallingTcpSocket> from);

    // RelocatableTcpSocket hooks
    bool IsRetentionActive() const override;
    void NotifyEstablished() override;
    void AddSynOptions(TcpHeader& header) const override;
    void ReadSynOptions(const TcpHeader& header) override;
    void DoDispose() override;

    // ChangeExchange::Connection: this socket is what its exchange relocates
    bool CanRelocate() const override;
    uint64_t GetExchangeToken() const override;
    IpAddress GetExchangeLocalAddress() const override;
    uint16_t GetExchangeLocalPort() const override;
    IpAddress GetExchangePeerAddress() const override;
    bool MovePeer(const AddressUpdateHeader& update) override;
    void ChangeCompleted(bool restart) override;

    // ChangeExchange::Transport: URG control segments on this connection
    void SendUpdate(const AddressUpdateHeader& message) override;
    void SendConfirm(const AddressConfirmHeader& message) override;
    Time GetConfirmationTimeout(uint32_t transmissions) const override;
    uint32_t GetMaxRetransmissions() const override;

  private:
    /**
     * \brief Set the connection token and register it with the node's demux.
     * \param token the token
     * \return false if the node has no demux or the token is taken (the
     *         token is still set, but control segments cannot reach us)
     */
    bool RegisterToken(uint64_t token);

    /// Unregister the token from the demux.
    void UnregisterToken();

    /// \return a fresh non-zero nonce (from the node's demux stream when there is one)
    uint32_t DrawNonce() const;

    /**
     * \brief Attach a fresh exchange to this socket (its connection and
     *        transport), with the given settings.
     * \param messageType the update message type
     * \param resetTimer restart when a change completes
     */
    void AttachNewExchange(MobilityControlHeader::MessageType messageType, bool resetTimer);

    /// \param resetTimer the ResetTimerAfterChange attribute
    void SetResetTimerAfterChange(bool resetTimer);
    /// \return the ResetTimerAfterChange attribute
    bool GetResetTimerAfterChange() const;

    uint16_t m_exid{0};                 //!< negotiation option ExID (0: none)
    bool m_offered{false};              //!< this end offers the scheme
    bool m_peerOffered{false};          //!< the peer's SYN offered it
    bool m_isInitiator{false};          //!< this end sent the first SYN
    uint32_t m_localNonce{0};           //!< our half of the token
    uint64_t m_token{0};                //!< connection token (0: none)
    Ptr<MobilityDemux> m_demux;         //!< where the token is registered (null: not registered)
    uint32_t m_changeRetries{6};        //!< retransmissions of an update
    bool m_resetTimerAfterChange{true}; //!< restart transmission when a change completes
    Ptr<ChangeExchange> m_exchange;     //!< the in-band exchange
};

template <class H>
bool
SignallingTcpSocket::ReadControl(Ptr<Packet> payload, H& header)
{
    const auto type = header.GetMessageType();
    if (payload->PeekHeader(header) == 0 || !header.IsWellFormed())
    {
        m_exchange->Reject(type, ChangeRejectReason::MALFORMED);
        return false;
    }
    if (!IsNegotiated())
    {
        m_exchange->Reject(type, ChangeRejectReason::NOT_ACTIVE);
        return false;
    }
    if (header.GetToken() != GetToken())
    {
        m_exchange->Reject(type, ChangeRejectReason::WRONG_TOKEN);
        return false;
    }
    return true;
}

} // namespace ns3

#endif /* SIGNALLING_TCP_SOCKET_H */
