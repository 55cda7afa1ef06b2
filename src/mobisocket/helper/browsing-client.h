/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef BROWSING_CLIENT_H
#define BROWSING_CLIENT_H

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/tcp-socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <utility>
#include <vector>

namespace ns3
{

class Socket;

/**
 * \ingroup mobisocket
 * \brief A browsing-like workload: many TCP connections opened one after
 *        another, each sending a page's worth of bytes and staying open for a
 *        heavy-tailed lifetime (keep-alive), then closed.
 *
 * Connection arrivals are a Poisson process (exponential gaps,
 * MeanInterArrival); lifetimes are Pareto (MeanLifetime, LifetimeShape), so
 * most connections are short and a few live long: the distribution the
 * paper's battery argument is about (what preparing every connection, or
 * every long one, costs when nothing moves). Any stream socket factory
 * works; a PacketSink accepts the connections on the other side.
 *
 * At the end of its lifetime a connection is closed (FIN) and counted as
 * completed if its whole page was acknowledged, as stalled otherwise (e.g. a
 * handover cut it off); a reset or refused connection counts as failed.
 * Whether a connection still works at its close, after its host moved, shows
 * in whether its FIN is acknowledged (GetCloseAcknowledged): a connection
 * that was idle across the move completed its page before it, and only its
 * FIN tells whether the scheme kept it.
 */
class BrowsingClient : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    BrowsingClient();

    /// \return connections started (Connect called)
    uint32_t GetStarted() const;
    /// \return connections opened (handshake completed)
    uint32_t GetOpened() const;
    /// \return connections closed after their lifetime with their page delivered
    uint32_t GetCompleted() const;
    /// \return connections whose lifetime ended with page bytes unacknowledged
    uint32_t GetStalled() const;
    /// \return connections that failed (refused or reset)
    uint32_t GetFailed() const;
    /// \return per opened connection: when its handshake completed, and its drawn lifetime
    const std::vector<std::pair<Time, Time>>& GetConnectionTimes() const;

    /**
     * \return per opened connection (as GetConnectionTimes), when the peer
     *         acknowledged its FIN (negative: not, or not closed yet)
     */
    const std::vector<Time>& GetCloseAcknowledged() const;

    /**
     * \brief Fix the random streams of arrivals and lifetimes.
     * \param stream the first stream index
     * \return the number of streams used (2)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Open the next connection and schedule the one after.
    void OpenNext();
    /**
     * \param socket a connected socket
     */
    void Connected(Ptr<Socket> socket);
    /**
     * \param socket a socket whose connection failed
     */
    void Failed(Ptr<Socket> socket);
    /**
     * \brief Write what is left of the page.
     * \param socket the socket
     * \param available free space in its buffer
     */
    void Fill(Ptr<Socket> socket, uint32_t available);
    /**
     * \param socket a connection whose lifetime is over
     */
    void Finish(Ptr<Socket> socket);
    /**
     * \brief A closing connection changed state: its FIN is acknowledged
     *        once it reaches FIN_WAIT_2 or TIME_WAIT.
     * \param index the connection (index into m_times)
     * \param oldState the state before
     * \param newState the state now
     */
    void ClosingStateChanged(size_t index,
                             TcpSocket::TcpStates_t oldState,
                             TcpSocket::TcpStates_t newState);

    TypeId m_protocol;                          //!< socket factory
    Address m_remote;                           //!< server
    uint32_t m_connections{0};                  //!< connections to open
    uint32_t m_pageBytes{0};                    //!< bytes per connection
    Ptr<ExponentialRandomVariable> m_arrivals;  //!< gaps between openings
    Ptr<ParetoRandomVariable> m_lifetimes;      //!< connection lifetimes
    double m_meanInterArrival;                  //!< mean gap (s)
    double m_meanLifetime;                      //!< mean lifetime (s)
    double m_lifetimeShape;                     //!< Pareto shape
    uint32_t m_started{0};                      //!< connections started
    uint32_t m_opened{0};                       //!< connections opened
    uint32_t m_completed{0};                    //!< page delivered in the lifetime
    uint32_t m_stalled{0};                      //!< page not delivered in the lifetime
    uint32_t m_failed{0};                       //!< connections failed
    std::map<Ptr<Socket>, uint32_t> m_unsent;   //!< page bytes still to write
    std::vector<std::pair<Time, Time>> m_times; //!< (opened, lifetime) per connection
    std::vector<Time> m_closeAcked;             //!< FIN acknowledged, per connection (< 0: not)
    std::map<Ptr<Socket>, size_t> m_index;      //!< each open connection's index in m_times
    EventId m_next;                             //!< next opening
    TracedCallback<Ptr<Socket>> m_openedTrace;  //!< "Opened"
};

} // namespace ns3

#endif /* BROWSING_CLIENT_H */
