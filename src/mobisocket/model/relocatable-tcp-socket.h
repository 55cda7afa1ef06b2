/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RELOCATABLE_TCP_SOCKET_H
#define RELOCATABLE_TCP_SOCKET_H

#include "mobility-control-header.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/packet.h"
#include "ns3/tcp-socket-base.h"
#include "ns3/traced-callback.h"

#include <array>
#include <memory>
#include <vector>

namespace ns3
{

class MobilityDemux;

/**
 * \ingroup mobisocket
 * \brief A TcpSocketBase whose live connection can be moved to new
 *        addresses and ports: the one mechanism shared by every mobility
 *        scheme of this module.
 *
 * It provides, for subclasses that decide *when* and *why* to use them:
 * - rewriting the local or the peer address/port of the connection's
 *   endpoint (a new endpoint when the local port changes), with a tombstone
 *   for the 4-tuple left behind (see MobilityDemux);
 * - moving a whole connection to another, freshly bound socket
 *   (TransferConnection());
 * - restarting transmission after an outage without the backed-off timer
 *   (RestartTransmission());
 * - a congestion policy applied when the path changes;
 * - retention: while retention is active (IsRetentionActive()), exhausting
 *   the data retransmissions and RSTs received during an outage or a pending
 *   address change do not kill the connection, until MobilityTimeout has
 *   passed since the outage began;
 * - sending and receiving control segments (URG|ACK, not part of the byte
 *   stream) addressed by a connection token through the node's
 *   MobilityDemux;
 * - the in-band change exchange: the mover announces its new address and
 *   port (an AddressUpdateHeader, retransmitted until confirmed), the peer
 *   checks it (token, sequence number against replays, addresses), has the
 *   subclass authenticate it, rewrites its TCB, answers with an
 *   AddressConfirmHeader and restarts transmission; the mover does the same
 *   on the answer. Subclasses choose the message types and the
 *   authentication (signatures for MobiSocket, a keyed MAC for TCP-R);
 * - negotiation in the handshake: a subclass names an RFC 6994 experiment
 *   identifier (SetNegotiationExid) and offers itself (SetOffered); the SYN
 *   carries the ExID, a version byte and a 32-bit nonce, the SYN+ACK answers
 *   only an offer, and the two nonces make the connection token.
 *
 * Plain TCP behaviour is unchanged while retention is not active and no
 * relocation is requested.
 */
class RelocatableTcpSocket : public TcpSocketBase
{
  public:
    /// What happens to the congestion state when the path changes.
    enum CongestionPolicy
    {
        /// Restore cWnd/ssThresh from before the outage: the losses came from
        /// the handover, not from congestion.
        RESTORE_PRE_OUTAGE = 0,
        /// Start over on the new path: initial window, fresh RTT estimator
        /// and congestion algorithm state (what QUIC does, RFC 9000 9.4).
        RESET_TO_INITIAL = 1,
        /// Leave TCP as it is (after an RTO: one segment, ssThresh halved).
        UNCHANGED = 2
    };

    /// Which end of the connection a relocation rewrites.
    enum Direction
    {
        SOURCE = 0,     //!< this end's address/port
        DESTINATION = 1 //!< the peer's address/port
    };

    /// Why a control message was rejected.
    enum RejectReason
    {
        MALFORMED = 0,        //!< cannot be parsed
        WRONG_TOKEN = 1,      //!< token of another connection
        REPLAYED = 2,         //!< sequence number already used
        BAD_SIGNATURE = 3,    //!< the authenticator (signature or MAC) does not verify
        ADDRESS_MISMATCH = 4, //!< addresses disagree with the connection or the segment
        NOT_ACTIVE = 5,       //!< the scheme was not negotiated on this connection
        NO_VERIFIER = 6,      //!< no peer key and no application verifier (MobiSocket)
        NO_KEY = 7,           //!< this end lacks the key material to authenticate or answer
        REFUSED = 8,          //!< the application's verifier refused it (MobiSocket)
        UNEXPECTED = 9        //!< an answer without a matching pending request
    };

    /// Number of reject reasons.
    static constexpr int N_REJECT_REASONS = 10;

    /// Version byte of the negotiation option.
    static constexpr uint8_t NEGOTIATION_VERSION = 1;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RelocatableTcpSocket();
    /**
     * \brief Copy constructor (used when a listening socket forks).
     * \param other the socket to copy
     */
    RelocatableTcpSocket(const RelocatableTcpSocket& other);
    ~RelocatableTcpSocket() override;

    /// \return the TCP state of the connection (TcpSocketBase keeps it protected)
    TcpStates_t GetState() const;

    /// \return true if the socket can still carry its connection
    bool IsAlive() const;

    /// \return true if the connection is in a synchronized state with an IPv4 endpoint
    bool IsSynchronized() const;

    /// \return true between the first RTO without progress and the next new ACK
    bool IsInOutage() const;

    /// \return true between a relocation and the first segment on the new 4-tuple
    bool IsChangePending() const;

    /// \return the connection token (0 if none)
    uint64_t GetToken() const;

    /// \return the retransmission timeouts absorbed by retention
    uint32_t GetRetainedTimeouts() const;

    /// \return the RSTs ignored during an outage or a pending change
    uint32_t GetIgnoredResets() const;

    /// \return when the connection reached ESTABLISHED (zero if it has not)
    Time GetEstablishedTime() const;

    /// \return transmissions of change announcements (first sends and retransmissions)
    uint32_t GetAnnouncementTransmissions() const;

    /**
     * \param reason a reject reason
     * \return how many control messages were rejected for it
     */
    uint32_t GetRejectCount(RejectReason reason) const;

    /**
     * \param reason a reject reason
     * \return its name
     */
    static const char* GetRejectReasonName(RejectReason reason);

    /**
     * \brief Hand a control segment to the connection (called by MobilityDemux)
     *        and dispatch it: the change exchange's own messages, or the
     *        subclass's others (ReceiveOtherControl()).
     *
     * The connection must be alive (IsAlive()): MobilityDemux::Lookup() only
     * returns live connections.
     * \param type the message type read from the envelope
     * \param payload the control message (TCP payload)
     * \param source the segment's source address
     * \param sourcePort the segment's source port
     */
    void DeliverControl(MobilityControlHeader::MessageType type,
                        Ptr<Packet> payload,
                        Ipv4Address source,
                        uint16_t sourcePort);

    // Socket API: an offering socket draws its nonce before the SYN.
    int Connect(const Address& address) override;

    /**
     * TracedCallback signature for TCB updates.
     * \param [in] direction which end changed
     * \param [in] oldAddress the previous address (InetSocketAddress)
     * \param [in] newAddress the new address (InetSocketAddress)
     */
    typedef void (*TcbUpdatedTracedCallback)(Direction direction,
                                             const Address& oldAddress,
                                             const Address& newAddress);

    /**
     * TracedCallback signature for rejected control messages.
     * \param [in] type the message type
     * \param [in] reason why
     */
    typedef void (*RejectedTracedCallback)(MobilityControlHeader::MessageType type,
                                           RejectReason reason);

    /**
     * TracedCallback signature for an ignored RST.
     * \param [in] header the TCP header of the RST
     */
    typedef void (*ResetIgnoredTracedCallback)(const TcpHeader& header);

  protected:
    /**
     * \brief Whether retention (survive retry exhaustion and RSTs during an
     *        outage) applies now. By default it is tied to the negotiation
     *        (IsNegotiated()); a subclass without negotiation overrides it.
     * \return true to retain the connection
     */
    virtual bool IsRetentionActive() const;

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

    /**
     * \brief A control segment of a type the change exchange does not handle
     *        arrived (e.g. a key share).
     * \param type the message type
     * \param payload the message bytes
     * \param source the sender's address
     * \param sourcePort the sender's port
     */
    virtual void ReceiveOtherControl(MobilityControlHeader::MessageType type,
                                     Ptr<Packet> payload,
                                     Ipv4Address source,
                                     uint16_t sourcePort);

    /**
     * \name The in-band change exchange: the subclass's policy
     * @{
     */
    /// \return a new, empty announcement of this scheme (null: no in-band exchange)
    virtual std::unique_ptr<AddressUpdateHeader> CreateUpdateHeader() const;
    /// \return a new, empty confirmation of this scheme
    virtual std::unique_ptr<AddressConfirmHeader> CreateConfirmHeader() const;
    /// \return true if this end can authenticate what it sends (key, secret)
    virtual bool CanAuthenticate() const;
    /**
     * \brief Authenticate an outgoing message (sign it, or compute its MAC).
     * \param message the message
     * \return the CPU delay until it is ready
     */
    virtual Time AuthenticateMessage(MobilityControlHeader& message);
    /**
     * \brief Check an incoming message's authenticity.
     * \param message the message
     * \param[out] delay the CPU delay until the answer is known
     * \param[out] reason why it is not authentic
     * \return true if it is authentic
     */
    virtual bool CheckAuthenticity(const MobilityControlHeader& message,
                                   Time& delay,
                                   RejectReason& reason);
    /**
     * \brief An announcement was transmitted (also on retransmission).
     * \param message the announcement
     */
    virtual void NotifyUpdateSent(const AddressUpdateHeader& message);
    /**
     * \brief The peer's announcement was accepted and the TCB rewritten.
     * \param message the announcement
     */
    virtual void NotifyUpdateAccepted(const AddressUpdateHeader& message);
    /**
     * \brief A confirmation was transmitted.
     * \param message the confirmation
     */
    virtual void NotifyConfirmSent(const AddressConfirmHeader& message);
    /**
     * \brief The peer's confirmation completed this end's change.
     * \param message the confirmation
     */
    virtual void NotifyConfirmAccepted(const AddressConfirmHeader& message);
    /** @} */

    /**
     * \brief Announce this end's current address and port to the peer (the
     *        mover's side of the exchange); replaces an unconfirmed one.
     */
    void AnnounceChange();

    /// \return the ChangeRetries attribute (also bounds other control retransmissions)
    uint32_t GetChangeRetries() const;

    /**
     * \brief The connection just entered ESTABLISHED (handshake complete).
     */
    virtual void NotifyEstablished();

    /**
     * \brief Rewrite the local address and, if port is not 0, the local port.
     *
     * Also applies the congestion policy, marks the change pending and
     * fires TcbUpdated. The caller checks the arguments; on failure m_errno
     * is set and nothing changes.
     * \param address the new local address (must be on this node)
     * \param port the new local port, or 0 to keep the current one
     * \return true on success
     */
    bool RelocateLocal(Ipv4Address address, uint16_t port);

    /**
     * \brief Rewrite the peer address and, if port is not 0, the peer port
     *        (with the same side effects as RelocateLocal()).
     * \param address the peer's new address
     * \param port the peer's new port, or 0 to keep the current one
     * \return true on success
     */
    bool RelocatePeer(Ipv4Address address, uint16_t port);

    /**
     * \brief Move the connection of another socket to this one, which must
     *        be bound (and its peer set) and not connected. The other socket
     *        is released without FIN or RST. Fires TcbUpdated(SOURCE) and
     *        applies the congestion policy.
     * \param from the socket that holds the connection
     */
    void TransferConnection(Ptr<RelocatableTcpSocket> from);

    /**
     * \brief Put the socket in the state it would be in right after an ACK
     *        (retries reloaded, RTO without backoff) and send the first
     *        unacknowledged segment at once.
     */
    void RestartTransmission();

    /**
     * \brief Send a control message as an URG|ACK segment from the current
     *        endpoint (no sequence space is consumed).
     * \param payload the control message
     */
    void SendControlSegment(Ptr<Packet> payload);

    /**
     * \brief Parse a control message and check that it belongs to this
     *        connection and that the scheme is negotiated (rejecting and
     *        counting it otherwise).
     * \tparam H the message class
     * \param payload the message bytes
     * \param[out] header the parsed message
     * \return true if it may be processed further
     */
    template <class H>
    bool ReadControl(Ptr<Packet> payload, H& header);

    /**
     * \brief Count, log and trace a rejected control message.
     * \param type its type
     * \param reason why
     */
    void Reject(MobilityControlHeader::MessageType type, RejectReason reason);

    /**
     * \brief Hook for subclasses' own rejection traces.
     * \param type the message type
     * \param reason why
     */
    virtual void NotifyRejected(MobilityControlHeader::MessageType type, RejectReason reason);

    /// The mover sent the first message announcing its change.
    void NotifyChangeAnnounced();

    /// The mover's change was confirmed by the peer.
    void NotifyChangeConfirmed();

    /// \return this end's address and port as an InetSocketAddress
    Address GetLocalSocketAddress() const;
    /// \return the peer's address and port as an InetSocketAddress
    Address GetPeerSocketAddress() const;

    /**
     * \brief Set the connection token and register it with the node's demux.
     * \param token the token
     * \return false if the node has no demux or the token is taken (the
     *         token is still set, but control segments cannot reach us)
     */
    bool RegisterToken(uint64_t token);

    /// \return the node's demux, or nullptr if the node has none
    Ptr<MobilityDemux> GetDemux() const;

    /**
     * \brief Whether another endpoint of this node already uses a 4-tuple.
     * \param localAddress local address
     * \param localPort local port
     * \param peerAddress peer address
     * \param peerPort peer port
     * \return true if an endpoint other than this socket's holds exactly that
     *         4-tuple (on this socket's device, or on none), by the rule of
     *         ns-3's Ipv4EndPointDemux::Allocate
     */
    bool IsTupleInUse(Ipv4Address localAddress,
                      uint16_t localPort,
                      Ipv4Address peerAddress,
                      uint16_t peerPort) const;

    /**
     * \brief Whether another socket of this node is bound to a local port.
     * \param address the local address
     * \param port the local port
     * \return true if a socket other than this one uses the port on that
     *         address or on the wildcard address
     */
    bool IsPortInUse(Ipv4Address address, uint16_t port) const;

    /// \return the retransmission timeout computed from the RTT estimator, without backoff
    Time GetUnbackedRto() const;

    /**
     * \brief The timeout of a retransmitted control message: the unbacked-off
     *        RTO doubled exponent times (the exponent capped at 16), at most
     *        60 s.
     * \param exponent how many times the timeout has doubled
     * \return the timeout
     */
    Time ControlRetransmitTimeout(uint32_t exponent) const;

    /**
     * \param address an IPv4 address
     * \return true if it can identify a host: not the wildcard, broadcast,
     *         multicast or loopback address
     */
    static bool IsHostAddress(Ipv4Address address);

    /**
     * \param address an address of this node
     * \return the device of the interface holding it, or nullptr
     */
    Ptr<NetDevice> GetDeviceForAddress(Ipv4Address address) const;

    // TcpSocketBase hooks
    void DoForwardUp(Ptr<Packet> packet,
                     const Address& fromAddress,
                     const Address& toAddress) override;
    void ReTxTimeout() override;
    void NewAck(const SequenceNumber32& ack, bool resetRTO) override;
    void CompleteFork(Ptr<Packet> p,
                      const TcpHeader& tcpHeader,
                      const Address& fromAddress,
                      const Address& toAddress) override;
    void DoDispose() override;

  private:
    /// Send (or resend) the pending announcement and arm its timer.
    void TransmitAnnouncement();
    /**
     * \brief Process the peer's announcement.
     * \param payload the message
     * \param source sender address
     * \param sourcePort sender port
     */
    void HandleUpdate(Ptr<Packet> payload, Ipv4Address source, uint16_t sourcePort);
    /**
     * \brief Apply an authentic announcement and answer it.
     * \param message the announcement's bytes
     */
    void AcceptUpdate(std::vector<uint8_t> message);
    /// Send (or resend) the last confirmation.
    void TransmitConfirm();
    /**
     * \brief Process the peer's confirmation.
     * \param payload the message
     * \param source sender address
     */
    void HandleConfirm(Ptr<Packet> payload, Ipv4Address source);
    /**
     * \brief Complete this end's change after an authentic confirmation.
     * \param message the confirmation's bytes
     */
    void AcceptConfirm(std::vector<uint8_t> message);

    /// Apply the configured congestion policy after a path change.
    void ApplyCongestionPolicy();

    /**
     * \brief Mark a relocation as pending (RSTs are ignored until a segment
     *        arrives on the new 4-tuple), apply the congestion policy and
     *        trace the update.
     * \param direction which end changed
     * \param before the address before the change
     */
    void CompleteRelocation(Direction direction, const Address& before);

    /**
     * \brief Add the negotiation option to an outgoing SYN or SYN+ACK: a
     *        version byte and this end's half of the token.
     * \param header the header about to be sent
     */
    void AppendSynOptions(TcpHeader& header) const;

    /**
     * \brief Read the peer's negotiation option from its SYN or SYN+ACK; once
     *        both halves are known the token is set up.
     * \param header the received header
     */
    void ProcessSynOptions(const TcpHeader& header);

    /// \return a fresh non-zero nonce (from the node's demux stream when there is one)
    uint32_t DrawNonce() const;

    /**
     * \brief The connection left a 4-tuple for its current one: drop what
     *        still arrives on the old tuple (see MobilityDemux), and make
     *        sure nothing drops the current one.
     * \param localAddress old local address
     * \param localPort old local port
     * \param peerAddress old peer address
     * \param peerPort old peer port
     */
    void LeaveTuple(Ipv4Address localAddress,
                    uint16_t localPort,
                    Ipv4Address peerAddress,
                    uint16_t peerPort);

    /// Unregister the token from the demux.
    void UnregisterToken();

    /**
     * \brief Trace sink on the socket's own Tx trace: adds SYN options to the
     *        header about to be sent (it is a non-const local of the sender).
     * \param packet the payload
     * \param header the header about to be sent
     * \param socket the sending socket
     */
    static void SynOptionHook(Ptr<const Packet> packet,
                              const TcpHeader& header,
                              Ptr<const TcpSocketBase> socket);

    /// Snapshot of the congestion state when an outage begins.
    struct CongestionSnapshot
    {
        uint32_t cWnd{0};     //!< congestion window
        uint32_t ssThresh{0}; //!< slow start threshold
        bool valid{false};    //!< a snapshot was taken
    };

    uint16_t m_exid{0};        //!< negotiation option ExID (0: none)
    bool m_offered{false};     //!< this end offers the scheme
    bool m_peerOffered{false}; //!< the peer's SYN offered it
    bool m_isInitiator{false}; //!< this end sent the first SYN
    uint32_t m_localNonce{0};  //!< our half of the token

    Time m_mobilityTimeout;              //!< retention bound
    CongestionPolicy m_congestionPolicy; //!< policy on path change
    bool m_inOutage{false};              //!< RTO fired without progress since
    Time m_outageStart;                  //!< when the outage began
    CongestionSnapshot m_snapshot;       //!< congestion state before the outage
    bool m_changePending{false};         //!< relocated, no segment on the new tuple yet
    uint64_t m_token{0};                 //!< connection token (0: none)
    Ptr<MobilityDemux> m_demux;          //!< where the token is registered (null: not registered)
    uint32_t m_retainedTimeouts{0};      //!< RTOs absorbed by retention
    uint32_t m_ignoredResets{0};         //!< RSTs ignored
    Time m_establishedTime;              //!< when ESTABLISHED was reached
    std::array<uint32_t, N_REJECT_REASONS> m_rejects{}; //!< rejects per reason

    // The in-band change exchange
    uint32_t m_changeRetries{6};        //!< retransmissions of an announcement
    bool m_resetTimerAfterChange{true}; //!< restart transmission when a change completes
    Ipv4Address m_addressKnownToPeer{Ipv4Address::GetAny()}; //!< address the peer last confirmed
    uint32_t m_changeSequence{0};   //!< sequence of our last announcement (the pending one, if any)
    Ptr<Packet> m_pendingUpdate;    //!< unconfirmed announcement (null: none)
    uint32_t m_announceAttempts{0}; //!< its transmissions
    uint32_t m_announceTransmissions{0};       //!< all announcement transmissions
    EventId m_announceEvent;                   //!< authentication delay / retransmission timer
    uint32_t m_peerSequence{0};                //!< sequence of the last accepted announcement
    uint32_t m_verifyingSequence{0};           //!< announcement being authenticated (0: none)
    std::vector<uint8_t> m_lastAcceptedUpdate; //!< to recognise retransmissions
    Ptr<Packet> m_lastConfirm;                 //!< the answer, resent on retransmissions
    EventId m_exchangeEvent;                   //!< authentication delays of incoming messages

    TracedCallback<const TcpHeader&> m_resetIgnoredTrace;                        //!< "ResetIgnored"
    TracedCallback<Direction, const Address&, const Address&> m_tcbUpdatedTrace; //!< "TcbUpdated"
    TracedCallback<MobilityControlHeader::MessageType, RejectReason>
        m_rejectedTrace;                     //!< "ControlRejected"
    TracedCallback<> m_changeAnnouncedTrace; //!< "ChangeAnnounced"
    TracedCallback<> m_changeConfirmedTrace; //!< "ChangeConfirmed"
    TracedCallback<> m_changeFailedTrace;    //!< "ChangeFailed"
    TracedCallback<Time> m_outageTrace;      //!< "OutageStarted"
    TracedCallback<> m_mobilityTimeoutTrace; //!< "MobilityTimeoutExpired"
};

template <class H>
bool
RelocatableTcpSocket::ReadControl(Ptr<Packet> payload, H& header)
{
    const auto type = header.GetMessageType();
    if (payload->PeekHeader(header) == 0 || !header.IsWellFormed())
    {
        Reject(type, MALFORMED);
        return false;
    }
    if (header.GetToken() != GetToken())
    {
        Reject(type, WRONG_TOKEN);
        return false;
    }
    if (!IsNegotiated())
    {
        Reject(type, NOT_ACTIVE);
        return false;
    }
    return true;
}

} // namespace ns3

#endif /* RELOCATABLE_TCP_SOCKET_H */
