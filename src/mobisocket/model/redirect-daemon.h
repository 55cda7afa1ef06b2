/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef REDIRECT_DAEMON_H
#define REDIRECT_DAEMON_H

#include "change-exchange.h"
#include "crypto-types.h"
#include "mobility-control-header.h"
#include "redirectable-tcp-socket.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <array>
#include <map>
#include <memory>
#include <vector>

namespace ns3
{

class Socket;
class Packet;
class DhcpClient;

/**
 * \ingroup mobisocket
 * \brief The user-level redirect daemon of the Prevelakis and Ioannidis
 *        baseline ("Preserving TCP Connections Across Host Address
 *        Changes", ISC 2006), run on each host next to the kernel extension
 *        (RedirectableTcpSocket).
 *
 * Neither the paper's full text nor its code was available; the model
 * follows what the MobiSocket paper and the abstract say and makes every
 * unknown an attribute:
 *
 * - Preparation. Every ScanInterval the daemon looks at its node's
 *   RedirectableTcpSockets. For each established, unprepared connection
 *   that this host opened and that is at least PrepareAfter old, it makes
 *   an X25519 key share (CPU time charged on the node's CryptoAgent) and
 *   sends it in a KeyShareHeader (sequence 0) over UDP to the daemon at the
 *   connection's peer address. The peer's daemon finds its socket by the
 *   connection id (the token field: a hash of the 4-tuple ordered as opener
 *   address, opener port, responder address, responder port), makes its own
 *   share, agrees the secret, marks its socket prepared and answers with its
 *   share (sequence 1); the opener agrees the secret and marks its socket
 *   prepared. An unanswered share is retransmitted (RetransmissionTimeout,
 *   doubling, MaxRetransmissions times), then the preparation fails for
 *   good; it also fails when the node loses the connection's address before
 *   the answer (the connection is then lost as a TCP connection).
 * - Redirect. Each prepared connection gets a ChangeExchange (GetExchange())
 *   with RedirectRequest/RedirectAck messages, an HMAC keyed by the agreed
 *   secret, and the daemons' UDP channel as transport (retransmission every
 *   RetransmissionTimeout, doubling, MaxRetransmissions times). When the
 *   node gets a new address (the NewLease trace of the node's DhcpClients,
 *   or NotifyAddressChange()), every prepared connection whose local
 *   address is no longer on the node is moved to the new address
 *   (RedirectSource) and its exchange announces the change to the peer's
 *   daemon; the peer's daemon checks it, rewrites its socket's peer
 *   (RedirectDestination), answers and, with ResetTimer, resumes
 *   transmission; the mover does the same on the acknowledgement.
 * - Connections younger than PrepareAfter at a handover are not prepared
 *   and are lost as plain TCP connections are; when both ends move at once
 *   each daemon writes to the other's stale address and the redirects fail.
 *
 * Rejected messages (malformed, unknown connection, unprepared connection,
 * and every rejection of a connection's exchange) change nothing; they are
 * counted per reason, traced (MessageRejected) and tallied on the
 * connection's socket.
 */
class RedirectDaemon : public Application
{
  public:
    /// The daemons' UDP port unless the Port attribute says otherwise.
    static constexpr uint16_t DEFAULT_PORT = 7700;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RedirectDaemon();
    ~RedirectDaemon() override;

    /**
     * \brief The connection id both daemons compute for a connection: a
     *        64-bit FNV-1a hash of the 4-tuple ordered as (opener address,
     *        opener port, responder address, responder port), each field in
     *        network byte order; never 0.
     * \param openerAddress address of the end that sent the first SYN
     * \param openerPort its port
     * \param responderAddress address of the end that answered it
     * \param responderPort its port
     * \return the connection id
     */
    static uint64_t ComputeConnectionId(Ipv4Address openerAddress,
                                        uint16_t openerPort,
                                        Ipv4Address responderAddress,
                                        uint16_t responderPort);

    /**
     * \param socket a socket of this node
     * \return the id under which this daemon knows its connection (0 if it
     *         has not started preparing it)
     */
    uint64_t GetConnectionId(Ptr<const RedirectableTcpSocket> socket) const;

    /**
     * \param id a connection id
     * \return the exchange of that prepared connection (null if none)
     */
    Ptr<ChangeExchange> GetExchange(uint64_t id) const;

    /**
     * \brief Tell the daemon that the node has a new address (for
     *        topologies without DhcpClient; with DHCP the daemon notices by
     *        itself). Every prepared connection whose local address is no
     *        longer on the node is redirected to it.
     * \param address the new address; ignored if it is not assigned to the node
     */
    void NotifyAddressChange(Ipv4Address address);

    /// \return connections this daemon marked prepared
    uint32_t GetConnectionsPrepared() const;
    /// \return key agreements (X25519 shared secrets) this daemon computed
    uint32_t GetKeyAgreements() const;
    /// \return preparations abandoned after all retransmissions of the share
    uint32_t GetPreparationsFailed() const;
    /// \return key share datagrams sent (offers, retransmissions and answers)
    uint32_t GetKeyShareTransmissions() const;
    /// \return redirects this daemon started (one per connection and address change)
    uint32_t GetRedirectsSent() const;
    /// \return redirect request datagrams sent (first sends and retransmissions)
    uint32_t GetRedirectTransmissions() const;
    /// \return the peer's redirects this daemon accepted
    uint32_t GetRedirectsAccepted() const;
    /// \return this daemon's redirects the peer acknowledged
    uint32_t GetRedirectsConfirmed() const;
    /// \return this daemon's redirects abandoned after all retransmissions
    uint32_t GetRedirectsFailed() const;
    /**
     * \param reason a reject reason
     * \return messages rejected for it
     */
    uint32_t GetRejectCount(ChangeRejectReason reason) const;

    /**
     * TracedCallback signature for per-connection events.
     * \param [in] id the connection id
     */
    typedef void (*ConnectionTracedCallback)(uint64_t id);

    /**
     * TracedCallback signature for key shares sent.
     * \param [in] id the connection id
     * \param [in] header the message
     */
    typedef void (*KeyShareTracedCallback)(uint64_t id, const KeyShareHeader& header);

    /**
     * TracedCallback signature for rejected messages.
     * \param [in] type the message type (0 if the envelope is unreadable)
     * \param [in] reason why
     */
    typedef void (*RejectedTracedCallback)(MobilityControlHeader::MessageType type,
                                           ChangeRejectReason reason);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Where a connection's preparation stands.
    enum PrepareState
    {
        GENERATING, //!< the opener is making its share
        AWAITING,   //!< the opener's share is out, no answer yet
        AGREEING,   //!< the secret is being computed
        PREPARED,   //!< both ends hold the secret
        FAILED      //!< the opener gave up (no answer)
    };

    /// What the daemon knows about one connection; once prepared, its exchange's view of it.
    class Connection : public ChangeExchange::Connection, public ChangeExchange::Transport
    {
      public:
        /**
         * \param daemon the daemon (outlives the connection)
         * \param id the connection id
         * \param socket the kernel's socket
         * \param opener whether this host opened the connection
         */
        Connection(RedirectDaemon* daemon,
                   uint64_t id,
                   Ptr<RedirectableTcpSocket> socket,
                   bool opener);
        ~Connection() override;

        // ChangeExchange::Connection: the kernel socket, through its redirect calls
        bool CanRelocate() const override;
        uint64_t GetExchangeToken() const override;
        IpAddress GetExchangeLocalAddress() const override;
        uint16_t GetExchangeLocalPort() const override;
        IpAddress GetExchangePeerAddress() const override;
        bool MovePeer(const AddressUpdateHeader& update) override;
        void ChangeCompleted(bool restart) override;

        // ChangeExchange::Transport: datagrams to the peer's daemon
        void SendUpdate(const AddressUpdateHeader& message) override;
        void SendConfirm(const AddressConfirmHeader& message) override;
        Time GetConfirmationTimeout(uint32_t transmissions) const override;
        uint32_t GetMaxRetransmissions() const override;

        RedirectDaemon* daemon;            //!< the daemon
        uint64_t id;                       //!< the connection id
        Ptr<RedirectableTcpSocket> socket; //!< the kernel's socket
        bool opener;                       //!< this host opened it
        PrepareState state{GENERATING};    //!< preparation
        X25519KeyPair ownShare;            //!< this end's key share
        X25519PublicKey peerShare{};       //!< the peer's public share
        SymmetricKey secret{};             //!< the agreed secret
        Ptr<Packet> shareMessage;          //!< our share (resent on retransmission)
        uint32_t shareAttempts{0};         //!< transmissions of the opener's share
        EventId shareEvent;                //!< share retransmission timer
        Ptr<ChangeExchange> exchange;      //!< the redirect exchange, once prepared
    };

    /// Look at the node's connections and prepare the old enough ones.
    void Scan();

    /// \return the node's RedirectableTcpSockets
    std::vector<Ptr<RedirectableTcpSocket>> GetSockets() const;

    /// Forget connections whose socket no longer carries them.
    void PurgeClosed();

    /**
     * \param id a connection id
     * \return the connection, or null
     */
    Connection* Find(uint64_t id) const;

    /**
     * \param id a connection id
     * \return the synchronized socket this host answered that connection
     *         with, or null
     */
    Ptr<RedirectableTcpSocket> FindResponderSocket(uint64_t id) const;

    /**
     * \brief Begin preparing a connection this host opened: make a key share.
     * \param socket the connection
     * \param id its id
     */
    void StartPreparation(Ptr<RedirectableTcpSocket> socket, uint64_t id);

    /**
     * \brief The opener's share is ready: send it.
     * \param id the connection id
     */
    void SendOffer(uint64_t id);

    /**
     * \brief Send (or resend) the opener's share and arm its timer; give up
     *        after MaxRetransmissions, or when the node has lost the
     *        connection's local address meanwhile.
     * \param id the connection id
     */
    void TransmitOffer(uint64_t id);

    /**
     * \brief Process a key share.
     * \param packet the datagram
     * \param from its source address
     * \param fromPort its source port
     */
    void HandleKeyShare(Ptr<Packet> packet, Ipv4Address from, uint16_t fromPort);

    /**
     * \brief A responder's share arrived: agree the secret (the opener's side).
     * \param c the connection
     * \param share the responder's share
     * \param from its source address
     */
    void AnswerReceived(Connection& c, const KeyShareHeader& share, Ipv4Address from);

    /**
     * \brief The responder's share and secret are ready: mark the socket
     *        prepared and answer.
     * \param id the connection id
     * \param valid false if the opener's share was degenerate
     * \param to the opener's address
     * \param toPort the opener daemon's port
     */
    void CompleteResponder(uint64_t id, bool valid, Ipv4Address to, uint16_t toPort);

    /**
     * \brief The opener's secret is ready: mark the socket prepared.
     * \param id the connection id
     * \param valid false if the responder's share was degenerate
     */
    void CompleteOpener(uint64_t id, bool valid);

    /**
     * \brief Mark a connection prepared, give it its exchange, count and trace it.
     * \param c the connection
     */
    void MarkPrepared(Connection& c);

    /**
     * \brief A daemon message of the exchange arrived (request or acknowledgement).
     * \param packet the datagram
     * \param type its type
     * \param token its connection id
     * \param from its source address
     */
    void HandleRedirect(Ptr<Packet> packet,
                        MobilityControlHeader::MessageType type,
                        uint64_t token,
                        Ipv4Address from);

    /**
     * \brief UDP receive callback.
     * \param socket the daemon's socket
     */
    void Receive(Ptr<Socket> socket);

    /**
     * \brief Count, log and trace a rejected message (and tally it on the
     *        connection's socket when there is one).
     * \param type the message type
     * \param reason why
     * \param socket the connection's socket, or null
     */
    void Reject(MobilityControlHeader::MessageType type,
                ChangeRejectReason reason,
                Ptr<RedirectableTcpSocket> socket = nullptr);

    /**
     * \brief A connection's exchange rejected a message.
     * \param id the connection id
     * \param type the message type
     * \param reason why
     */
    void ExchangeRejected(uint64_t id,
                          MobilityControlHeader::MessageType type,
                          ChangeRejectReason reason);

    /**
     * \brief Send a datagram to a daemon.
     * \param packet the message
     * \param to the destination address
     * \param toPort the destination port
     */
    void SendTo(Ptr<Packet> packet, Ipv4Address to, uint16_t toPort);

    /**
     * \brief NewLease trace sink of the node's DhcpClients (acts one event
     *        later: DhcpClient installs the default route after the trace).
     * \param address the leased address
     */
    void LeaseObtained(const Ipv4Address& address);

    /**
     * \param attempts transmissions so far (at least 1)
     * \return the timeout after the last one
     */
    Time RetransmissionDelay(uint32_t attempts) const;

    /**
     * \param address an address
     * \return true if it is assigned to this node
     */
    bool IsLocalAddress(Ipv4Address address) const;

    /// \return the counters of every exchange, those of forgotten connections included
    ChangeExchange::Counters GetExchangeCounters() const;

    // Attributes
    uint16_t m_port;               //!< UDP port of the daemons
    Time m_prepareAfter;           //!< connection age that triggers preparation
    Time m_scanInterval;           //!< period of the scan
    Time m_rto;                    //!< first retransmission timeout
    uint32_t m_maxRetransmissions; //!< retransmissions before giving up
    bool m_resetTimer;             //!< resume transmission after a redirect

    bool m_running{false};                                         //!< between start and stop
    Ptr<Socket> m_socket;                                          //!< the daemon's UDP socket
    EventId m_scanEvent;                                           //!< next scan
    std::map<uint64_t, std::unique_ptr<Connection>> m_connections; //!< by connection id
    std::vector<Ptr<DhcpClient>> m_dhcpClients;                    //!< whose NewLease we follow

    uint32_t m_prepared{0};                                    //!< connections prepared
    uint32_t m_keyAgreements{0};                               //!< shared secrets computed
    uint32_t m_preparationsFailed{0};                          //!< preparations abandoned
    uint32_t m_shareTransmissions{0};                          //!< key share datagrams sent
    ChangeExchange::Counters m_forgotten;                      //!< exchanges of purged connections
    std::array<uint32_t, N_CHANGE_REJECT_REASONS> m_rejects{}; //!< per reason

    TracedCallback<uint64_t> m_preparedTrace;                            //!< "ConnectionPrepared"
    TracedCallback<uint64_t> m_preparationFailedTrace;                   //!< "PreparationFailed"
    TracedCallback<uint64_t, const KeyShareHeader&> m_keyShareSentTrace; //!< "KeyShareSent"
    TracedCallback<MobilityControlHeader::MessageType, ChangeRejectReason>
        m_rejectedTrace; //!< "MessageRejected"
};

} // namespace ns3

#endif /* REDIRECT_DAEMON_H */
