/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RELOCATABLE_TCP_SOCKET_H
#define RELOCATABLE_TCP_SOCKET_H

#include "ip-address.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/packet.h"
#include "ns3/tcp-socket-base.h"
#include "ns3/traced-callback.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief A TcpSocketBase whose live connection can be moved to new
 *        addresses and ports: the one mechanism shared by every mobility
 *        scheme of this module, and the one unit that knows TcpSocketBase's
 *        internals.
 *
 * It provides, for subclasses that decide *when* and *why* to use them:
 * - rewriting the local or the peer address/port of the connection's
 *   endpoint (a new endpoint when the local port changes), with a tombstone
 *   on the node's MobilityDemux, if it has one, for the 4-tuple left behind;
 * - moving a whole connection to another, freshly bound socket
 *   (TransferConnection(), the paper's copyTCB): every field of the TCB is
 *   copied, cWnd, the advertised windows and the RTO included;
 * - the paper's ordering rule on the mover's side: after this end's address
 *   or socket changed, it sends no data (acknowledgements still go) until
 *   RestartTransmission() (ResetTimer, when the peer's answer arrived) or
 *   until its own retransmission timer expires;
 * - restarting transmission after an outage without the backed-off timer
 *   (RestartTransmission());
 * - a congestion policy applied when the path changes;
 * - retention: while retention is active (IsRetentionActive()), exhausting
 *   the data retransmissions and RSTs received during an outage or a pending
 *   address change do not kill the connection, until MobilityTimeout has
 *   passed since the outage began;
 * - sending control segments (URG|ACK, outside the byte stream), and hooks
 *   to add and read options of the SYN and SYN+ACK.
 *
 * Plain TCP behaviour is unchanged while retention is not active and no
 * relocation is requested.
 *
 * Both IPv4 and IPv6 connections relocate: the mechanism works on IpAddress
 * and a connection's 4-tuple, and only a few private functions touch ns-3's
 * Ipv4EndPoint or Ipv6EndPoint. A connection keeps its family: an address
 * of the other family is refused by the subclasses' checks. Which families
 * a scheme offers its mobility on is its choice (IsFamilySupported()).
 *
 * All knowledge of TcpSocketBase's protected members lives in this class's
 * source file, so that a change of ns-3's TCP touches one file. The copy of
 * a connection (TransferConnection) lists the fields one by one; the layout
 * of TcpSocketBase it was written for is recorded (GetReviewedLayouts()) and
 * a test fails when the ns-3 being built against differs, so that a field
 * added by a later ns-3 cannot silently stay behind.
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
    enum Direction : uint8_t
    {
        SOURCE = 0,     //!< this end's address/port
        DESTINATION = 1 //!< the peer's address/port
    };

    /// The layout of ns-3's TCP socket classes that the field-by-field copy depends on.
    struct TcbLayout
    {
        std::string ns3Version;        //!< ns-3 release ("ns-3.37")
        std::size_t tcpSocketBase{0};  //!< sizeof(TcpSocketBase)
        std::size_t tcpSocketState{0}; //!< sizeof(TcpSocketState)

        /**
         * \param other another layout
         * \return true if the sizes agree (the version is informative)
         */
        bool operator==(const TcbLayout& other) const;
    };

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

    /// \return the layout of the ns-3 this module was compiled against (x86-64 sizes)
    static TcbLayout GetBuildLayout();

    /**
     * \return the layouts TransferConnection()'s field list was reviewed
     *         against; when GetBuildLayout() is not among them, review the
     *         list against the new TcpSocketBase and TcpSocketState
     */
    static std::vector<TcbLayout> GetReviewedLayouts();

    /// \return the TCP state of the connection (TcpSocketBase keeps it protected)
    TcpStates_t GetState() const;

    /// \return true if the socket can still carry its connection
    bool IsAlive() const;

    /// \return true if the connection is in a synchronized state with an endpoint
    bool IsSynchronized() const;

    /// \return true between the first RTO without progress and the next new ACK
    bool IsInOutage() const;

    /// \return true between a relocation and the first segment on the new 4-tuple
    bool IsChangePending() const;

    /**
     * \return true while this end holds its data back after a change of its
     *         own address (until RestartTransmission or its RTO)
     */
    bool IsSendingHeld() const;

    /// \return the retransmission timeouts absorbed by retention
    uint32_t GetRetainedTimeouts() const;

    /// \return the RSTs ignored during an outage or a pending change
    uint32_t GetIgnoredResets() const;

    /// \return when the connection reached ESTABLISHED (zero if it has not)
    Time GetEstablishedTime() const;

    /// \return this end's address (0.0.0.0 without an endpoint)
    IpAddress GetLocalAddress() const;
    /// \return this end's port (0 without an endpoint)
    uint16_t GetLocalPort() const;
    /// \return the peer's address (0.0.0.0 without an endpoint)
    IpAddress GetPeerAddress() const;
    /// \return the peer's port (0 without an endpoint)
    uint16_t GetPeerPort() const;
    /// \return the family of the socket's endpoint (IPv4 without one)
    IpAddress::Family GetFamily() const;

    /// The congestion state of the connection: what copyTCB carries over
    /// (CWND, AWND through the RTT, RTO) and a CongestionPolicy may reset.
    struct CongestionState
    {
        uint32_t cWnd{0};     //!< congestion window (bytes)
        uint32_t ssThresh{0}; //!< slow start threshold (bytes)
        Time rto;             //!< current retransmission timeout (backed off, if it is)
        Time rttEstimate;     //!< smoothed RTT estimate (0 before the first sample)
    };

    /// \return the connection's congestion state now
    CongestionState GetCongestionState() const;

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
     * TracedCallback signature for an ignored RST.
     * \param [in] header the TCP header of the RST
     */
    typedef void (*ResetIgnoredTracedCallback)(const TcpHeader& header);

  protected:
    /**
     * \brief Whether retention (survive retry exhaustion and RSTs during an
     *        outage) applies now.
     * \return true to retain the connection (default: false, plain TCP)
     */
    virtual bool IsRetentionActive() const;

    /// The connection just entered ESTABLISHED (handshake complete).
    virtual void NotifyEstablished();

    /**
     * \brief Whether this scheme offers its mobility on connections of a
     *        family. On the others AddSynOptions() and ReadSynOptions() are
     *        not called: the connection offers nothing and is plain TCP.
     * \param family the connection's family
     * \return true to offer it (default: IPv4 only)
     */
    virtual bool IsFamilySupported(IpAddress::Family family) const;

    /**
     * \brief Add this scheme's options to an outgoing SYN or SYN+ACK (on the
     *        families of IsFamilySupported() only).
     * \param header the header about to be sent
     */
    virtual void AddSynOptions(TcpHeader& header) const;

    /**
     * \brief Read the peer's options from its SYN (in a forked socket) or
     *        SYN+ACK (on the families of IsFamilySupported() only).
     * \param header the received header
     */
    virtual void ReadSynOptions(const TcpHeader& header);

    /**
     * \brief A segment arrived for this socket (before TCP processes it).
     * \param packet the segment, TCP header included
     * \param flags its TCP flags
     */
    virtual void NotifySegmentArrived(Ptr<const Packet> packet, uint8_t flags);

    /**
     * \brief Rewrite the local address and, if port is not 0, the local port,
     *        and hold the data until the peer knows (see IsSendingHeld()).
     *
     * Also applies the congestion policy, marks the change pending and
     * fires TcbUpdated. The caller checks the arguments; on failure the
     * errno is set and nothing changes.
     * \param address the new local address (on this node, of the connection's family)
     * \param port the new local port, or 0 to keep the current one
     * \return true on success
     */
    bool RelocateLocal(const IpAddress& address, uint16_t port);

    /**
     * \brief Rewrite the peer address and, if port is not 0, the peer port
     *        (the congestion policy, pending change and TcbUpdated as for
     *        RelocateLocal(); the data is not held).
     * \param address the peer's new address (of the connection's family)
     * \param port the peer's new port, or 0 to keep the current one
     * \return true on success
     */
    bool RelocatePeer(const IpAddress& address, uint16_t port);

    /**
     * \brief Move the connection of another socket to this one, which must
     *        be bound (and its peer set) and not connected: the paper's
     *        copyTCB. Every TCB field moves (cWnd, ssThresh, the receive and
     *        advertised windows, RTT estimate and RTO included) and running
     *        timers keep the time they had left; the congestion policy is
     *        applied only if CongestionPolicyOnCopy is set. This socket holds
     *        its data until the peer knows (see IsSendingHeld()). The other
     *        socket is released without FIN or RST. Fires TcbUpdated(SOURCE).
     * \param from the socket that holds the connection
     */
    void TransferConnection(Ptr<RelocatableTcpSocket> from);

    /**
     * \brief Put the socket in the state it would be in right after an ACK
     *        (retries reloaded, RTO without backoff), end the hold, and send
     *        the first unacknowledged segment at once (a pure ACK if nothing
     *        is outstanding).
     */
    void RestartTransmission();

    /**
     * \brief Stop the retransmission timer, remembering that it ran (TCP-R's
     *        frozen timers while the address is lost).
     */
    void FreezeRetransmissionTimer();

    /**
     * \brief The retransmission timer expired while it should have been
     *        frozen: remember to re-arm it instead of retransmitting.
     */
    void DeferRetransmissionTimeout();

    /// \return true if a frozen timer waits to be re-armed
    bool IsRetransmissionTimerFrozen() const;

    /// Re-arm a frozen retransmission timer with the current RTO.
    void ThawRetransmissionTimer();

    /**
     * \brief Send a control message as an URG|ACK segment from the current
     *        endpoint (no sequence space is consumed).
     * \param payload the control message
     */
    void SendControlSegment(Ptr<Packet> payload);

    /**
     * \brief Send an empty segment with the given flags that carries an
     *        option, from the current endpoint (TCP Migrate's Migrate SYN and
     *        its SYN/ACK: the option first, then the connection's usual ones
     *        such as timestamps, as room allows).
     * \param flags the TCP flags
     * \param option the option
     * \return false if the option does not fit or there is no endpoint
     */
    bool SendOptionSegment(uint8_t flags, Ptr<const TcpOption> option);

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
     * \brief Whether another endpoint of this node already uses a 4-tuple.
     * \param localAddress local address
     * \param localPort local port
     * \param peerAddress peer address
     * \param peerPort peer port
     * \return true if an endpoint other than this socket's holds exactly that
     *         4-tuple (on this socket's device, or on none), by the rule of
     *         ns-3's Ipv4EndPointDemux::Allocate (Ipv6EndPointDemux's for IPv6)
     */
    bool IsTupleInUse(const IpAddress& localAddress,
                      uint16_t localPort,
                      const IpAddress& peerAddress,
                      uint16_t peerPort) const;

    /**
     * \brief Whether another socket of this node is bound to a local port.
     * \param address the local address
     * \param port the local port
     * \return true if a socket other than this one uses the port on that
     *         address or on the wildcard address
     */
    bool IsPortInUse(const IpAddress& address, uint16_t port) const;

    /**
     * \param address an address of this node
     * \return the device of the interface holding it, or nullptr
     */
    Ptr<NetDevice> GetDeviceForAddress(const IpAddress& address) const;

    /// \return true if the socket has an IPv6 endpoint
    bool IsIpv6() const;

    /// \return true if this socket has bound (or connected) an endpoint
    bool HasEndpoint() const;

    /// \return this end's address and port (InetSocketAddress or Inet6SocketAddress)
    Address GetLocalSocketAddress() const;
    /// \return the peer's address and port (InetSocketAddress or Inet6SocketAddress)
    Address GetPeerSocketAddress() const;

    /**
     * \brief Record an error (the errno of the ns-3 socket API).
     * \param error the error
     */
    void SetErrno(SocketErrno error) const;

    /**
     * \brief Bind the endpoint's peer so that a bound socket can take over a
     *        connection (CopyTcb): a bound socket with the wildcard address
     *        is given its source address towards the peer.
     * \param peerAddress the peer's address
     * \param peerPort the peer's port
     * \return false if there is no route from this socket to the peer (the
     *         peer is unset again)
     */
    bool PrepareEndpointFor(const IpAddress& peerAddress, uint16_t peerPort);

    /// Forget the peer set by PrepareEndpointFor() (the takeover was refused).
    void ClearEndpointPeer();

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
    uint32_t AvailableWindow() const override;
    void ReceivedData(Ptr<Packet> packet, const TcpHeader& tcpHeader) override;
    void DoDispose() override;

  private:
    /// A connection's 4-tuple, of either family.
    struct Tuple
    {
        IpAddress localAddress; //!< this end's address
        uint16_t localPort{0};  //!< this end's port
        IpAddress peerAddress;  //!< the peer's address
        uint16_t peerPort{0};   //!< the peer's port
    };

    /// \return the endpoint's 4-tuple (all zero without an endpoint)
    Tuple GetTuple() const;

    /**
     * \brief Rewrite the endpoint's local address (same port).
     * \param address the new address, of the endpoint's family
     */
    void SetEndpointLocalAddress(const IpAddress& address);

    /**
     * \brief Rewrite the endpoint's peer.
     * \param address the peer's address, of the endpoint's family
     * \param port the peer's port
     */
    void SetEndpointPeer(const IpAddress& address, uint16_t port);

    /**
     * \brief Move the connection to a new endpoint with another local port
     *        (the old one is released without tearing the socket down).
     * \param device the device to bind it to, or nullptr
     * \param tuple the new endpoint's 4-tuple
     * \return false if ns-3 refuses the 4-tuple
     */
    bool ReplaceEndpoint(Ptr<NetDevice> device, const Tuple& tuple);

    /**
     * \brief Allocate an endpoint with a 4-tuple and release it at once.
     * \param tuple the 4-tuple
     * \return true if ns-3 would allocate it
     */
    bool CanAllocate(const Tuple& tuple) const;

    /**
     * \brief The header of a signalling segment from the current endpoint
     *        (there must be one): the connection's next sequence number,
     *        acknowledgement, ports and window; no sequence space is consumed.
     * \param flags the TCP flags
     * \return the header, without options
     */
    TcpHeader SignallingHeader(uint8_t flags);

    /**
     * \brief Add the connection's usual options (timestamps) and send a
     *        signalling segment from the current endpoint to the peer.
     * \param payload the segment's payload (may be empty)
     * \param header its header (SignallingHeader(), completed)
     */
    void SendSignalling(Ptr<Packet> payload, TcpHeader& header);

    /// Snapshot of the congestion state when an outage begins.
    struct CongestionSnapshot
    {
        uint32_t cWnd{0};     //!< congestion window
        uint32_t ssThresh{0}; //!< slow start threshold
        bool valid{false};    //!< a snapshot was taken
    };

    /// Apply the configured congestion policy after a path change.
    void ApplyCongestionPolicy();

    /**
     * \brief Mark a relocation as pending (RSTs are ignored until a segment
     *        arrives on the new 4-tuple) and trace the update.
     * \param direction which end changed
     * \param before the address before the change
     */
    void CompleteRelocation(Direction direction, const Address& before);

    /**
     * \brief Copy every TCB field of another socket into this one (the
     *        list reviewed against GetReviewedLayouts()).
     * \param from the socket that holds the connection
     */
    void CopyConnectionState(Ptr<RelocatableTcpSocket> from);

    /**
     * \brief Continue another socket's running timers on this socket with
     *        the time they had left.
     * \param from the socket whose timers run
     */
    void ContinueTimers(Ptr<RelocatableTcpSocket> from);

    /// Release this socket's share of a connection without FIN or RST.
    void ReleaseWithoutClosing();

    /**
     * \brief The connection left a 4-tuple for its current one: drop what
     *        still arrives on the old tuple (see MobilityDemux), and make
     *        sure nothing drops the current one.
     * \param left the 4-tuple left
     */
    void LeaveTuple(const Tuple& left);

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

    Time m_mobilityTimeout;              //!< retention bound
    CongestionPolicy m_congestionPolicy; //!< policy on path change
    bool m_policyOnCopy{false};          //!< apply the policy after TransferConnection too
    bool m_quickAckAfterIdle{true};      //!< ACK at once the first data after an idle RTO
    uint32_t m_quickAcksAfterMove{16};   //!< QuickAcksAfterMove attribute
    uint32_t m_quickAcksLeft{0};         //!< data segments still to ACK at once (after a move)
    Time m_lastDataArrival{Seconds(-1)}; //!< when data last arrived (negative: never)
    bool m_inOutage{false};              //!< RTO fired without progress since
    Time m_outageStart;                  //!< when the outage began
    CongestionSnapshot m_snapshot;       //!< congestion state before the outage
    bool m_changePending{false};         //!< relocated, no segment on the new tuple yet
    bool m_sendingHeld{false};           //!< the mover holds its data (ordering rule)
    bool m_timerFrozen{false};           //!< a retransmission timer was frozen
    uint32_t m_retainedTimeouts{0};      //!< RTOs absorbed by retention
    uint32_t m_ignoredResets{0};         //!< RSTs ignored
    Time m_establishedTime;              //!< when ESTABLISHED was reached

    TracedCallback<const TcpHeader&> m_resetIgnoredTrace;                        //!< "ResetIgnored"
    TracedCallback<Direction, const Address&, const Address&> m_tcbUpdatedTrace; //!< "TcbUpdated"
    TracedCallback<Time> m_outageTrace;      //!< "OutageStarted"
    TracedCallback<> m_mobilityTimeoutTrace; //!< "MobilityTimeoutExpired"
};

} // namespace ns3

#endif /* RELOCATABLE_TCP_SOCKET_H */
